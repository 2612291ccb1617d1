package io.tempguard;

import io.tempguard.testkit.RunAs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Makes one regular file impossible to delete, in a way that also binds root, and undoes it on
 * {@link #close()}. As root: {@code chattr +i} on the file. Otherwise: the file's parent directory
 * is made read-only ({@code r-x}), so nothing in it can be unlinked; keep the file alone in a
 * dedicated directory. Before protecting the file the mechanism is proven on a probe file in the
 * same directory: if a delete still succeeds the test fails with a clear message.
 */
final class Undeletable implements AutoCloseable {
    private final Path file;
    private final boolean immutableFlag;
    private final Set<PosixFilePermission> parentPermissions;
    private boolean active;

    private Undeletable(Path file, boolean immutableFlag, Set<PosixFilePermission> parentPermissions) {
        this.file = file;
        this.immutableFlag = immutableFlag;
        this.parentPermissions = parentPermissions;
    }

    /** Protects {@code file} (a regular file) until {@link #close()}. */
    static Undeletable protect(Path file) throws IOException {
        if (!Files.isRegularFile(file)) fail("Undeletable protects regular files only: " + file);
        Path parent = file.getParent();
        boolean root = RunAs.isRoot();
        Set<PosixFilePermission> parentPerms = root ? null : Files.getPosixFilePermissions(parent);
        Undeletable probe = new Undeletable(Files.createTempFile(parent, ".undeletable-probe-", ""), root, parentPerms);
        try {
            probe.apply();
            try {
                Files.delete(probe.file);
                fail("cannot make a file undeletable here: " + probe.describe() + " did not stop Files.delete "
                        + "(running as " + (root ? "root" : "non-root") + "); this test needs a working mechanism");
            } catch (IOException expected) {
                if (!Files.exists(probe.file)) fail("probe delete threw " + expected + " but the probe is gone");
            }
        } finally {
            probe.close();
            Files.deleteIfExists(probe.file);
        }
        Undeletable u = new Undeletable(file, root, parentPerms);
        u.apply();
        return u;
    }

    Path file() {
        return file;
    }

    private String describe() {
        return immutableFlag ? "chattr +i" : "chmod 0500 on the parent directory";
    }

    private void apply() throws IOException {
        if (immutableFlag) {
            chattr("+i", file);
        } else {
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("r-x------"));
        }
        active = true;
    }

    /** Makes the file deletable again. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!active) return;
        if (immutableFlag) {
            if (Files.exists(file)) chattr("-i", file);
        } else {
            Files.setPosixFilePermissions(file.getParent(), parentPermissions);
        }
        active = false;
    }


    private static void chattr(String flag, Path file) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of("chattr", flag, file.toString())).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            fail("running as root but cannot run chattr to make a file undeletable: " + e);
            return;
        }
        try (InputStream out = p.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chattr " + flag + " " + file + " did not finish");
            }
            if (p.exitValue() != 0) {
                fail("chattr " + flag + " " + file + " failed (exit " + p.exitValue() + "): " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running chattr", e);
        }
    }
}
