package io.tempguard.internal.fs;

import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real mounts for a test ({@code mount --bind}, a small {@code tmpfs}), all undone on
 * {@link #close()} in reverse order ({@code umount}, {@code umount -l} as a last resort).
 * Mounting needs root: {@link #requireRoot()} skips the calling test visibly otherwise.
 */
final class Mounts implements AutoCloseable {
    private final Deque<Path> mounted = new ArrayDeque<>();

    static void requireRoot() {
        Assumptions.assumeTrue(RunAs.isRoot(), "SKIPPED: mounting needs root (mount --bind / tmpfs)");
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/mount")) || Files.isExecutable(Paths.get("/bin/mount")),
                "SKIPPED: no mount command");
    }

    /** Whether the effective uid is 0 (the second number of the "Uid:" line of /proc/self/status). */

    /** {@code mount --bind source target}: {@code target} (an existing directory or file) then shows {@code source}. */
    Path bind(Path source, Path target) throws IOException {
        run("mount", "--bind", source.toString(), target.toString());
        mounted.push(target);
        return target;
    }

    /** A 1 MiB tmpfs (another device) on {@code target}, an existing directory. */
    Path tmpfs(Path target) throws IOException {
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tempguard-test", target.toString());
        mounted.push(target);
        return target;
    }

    /** A file system of {@code type} that needs no device (ramfs, tmpfs) on {@code target}, an existing directory. */
    Path mount(String type, Path target) throws IOException {
        run("mount", "-t", type, "tempguard-test", target.toString());
        mounted.push(target);
        return target;
    }

    /** Makes the mount on {@code target} (mounted by this object) read-only. */
    void remountReadOnly(Path target) throws IOException {
        run("mount", "-o", "remount,ro", target.toString());
    }

    void remountReadWrite(Path target) throws IOException {
        run("mount", "-o", "remount,rw", target.toString());
    }

    @Override
    public void close() throws IOException {
        List<String> problems = new ArrayList<>();
        while (!mounted.isEmpty()) {
            Path target = mounted.pop();
            try {
                run("umount", target.toString());
            } catch (IOException | AssertionError e) {
                problems.add(target + ": " + e.getMessage());
                run("umount", "-l", target.toString());
            }
        }
        if (!problems.isEmpty()) throw new IOException("had to lazily unmount " + problems);
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
