package io.tempguard;

import io.tempguard.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tempguard.TestManagers.exists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shutdown hook in a real child JVM ({@link ShutdownChild}) that exits normally. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShutdownChildJvmTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path root;

    /** The child's java.io.tmpdir: anything the library keeps there by default stays in the test. */
    @TempDir
    Path childTmp;

    /** A child of this JDK running {@link ShutdownChild} with {@code args}, with {@link #childTmp} as its tmpdir. */
    private ChildJvm startChild(String... args) throws IOException {
        return ChildJvm.builder(ShutdownChild.class).tmpdir(childTmp).jvmArgs("-Xmx64m").args(args).start();
    }

    private static List<Path> paths(List<String> lines, String prefix) {
        List<Path> paths = new ArrayList<>();
        for (String line : lines) if (line.startsWith(prefix)) paths.add(Paths.get(line.substring(prefix.length())));
        return paths;
    }

    @Test
    void defaultShutdownCleanupDeletesEveryTrackedPathWhenTheJvmExits() throws Exception {
        try (ChildJvm child = startChild("plain", root.toString())) {
            List<Path> created = paths(child.readUntil("READY", STARTUP), "PATH ");

            assertEquals(0, child.awaitExit(Duration.ofSeconds(60)), child.stderr());
            assertEquals(11, created.size(), "what the child reported: " + created);
            for (Path p : created) {
                assertTrue(p.startsWith(root), p::toString);
                assertFalse(exists(p), () -> p + " survived the shutdown cleanup; child stderr:\n" + child.stderr());
            }
            assertEquals(List.of(), TestManagers.contents(root));
        }
    }

    @Test
    void shutdownCleanupThatHitsAnUndeletablePathStillExitsPromptly() throws Exception {
        Duration shutdownTimeout = Duration.ofSeconds(3);
        try (ChildJvm child = startChild("stuck", root.toString(),
                Long.toString(shutdownTimeout.getSeconds()))) {
            List<String> lines = child.readUntil("READY", STARTUP);
            List<Path> created = paths(lines, "PATH ");
            Path stuck = paths(lines, "STUCK ").get(0);
            Path trackedDir = stuck.getParent().getParent();

            try (Undeletable lock = Undeletable.protect(stuck)) {
                child.send("exit");
                // Fails (with the child's output) if the JVM does not exit within the timeout plus a margin.
                assertEquals(0, child.awaitExit(shutdownTimeout.plus(Duration.ofSeconds(20))), child.stderr());

                assertTrue(exists(lock.file()), "the undeletable file is still there");
                for (Path p : created) {
                    boolean holdsTheStuckFile = stuck.startsWith(p);
                    assertEquals(holdsTheStuckFile, exists(p),
                            () -> p + (holdsTheStuckFile ? " must remain (it holds the stuck file)" : " must be deleted")
                                    + "; child stderr:\n" + child.stderr());
                }
                assertEquals(List.of(trackedDir, stuck.getParent(), stuck), TestManagers.contents(root));
            }
            Files.delete(stuck);
        }
    }
}
