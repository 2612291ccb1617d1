package io.tempguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.tempguard.TestManagers.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 8: {@code createTempFile(dir, ...)} through a symbolic link inside the root gets the
 * same verdict from the library's create method and from what the agent feeds in (observeCreated).
 */
class LinkedDirectoryVerdictTest {
    @TempDir
    Path base;

    private TempFileManager manager(Path root) {
        return TempFileManager.create(TestManagers.config(root).build());
    }

    @Test
    void aLinkInsideTheRootLeadingOutIsUnmanagedBothWays() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        Path outside = Files.createDirectory(base.resolve("outside"));
        Path link = Files.createSymbolicLink(root.resolve("link"), outside);
        try (TempFileManager m = manager(root)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.createTempFile(link, "lib-", ".bin"));
            assertTrue(e.getMessage().contains("which is " + outside.toRealPath()), e.getMessage());

            Path created = Files.createTempFile(link, "host-", ".bin"); // what the agent sees the host do
            assertFalse(host(m).observeCreated(created), "the agent's verdict must be the library's: unmanaged");
            assertFalse(m.isTracked(created));
            assertEquals(1, m.stats().unmanagedCreatedTotal());
            Path dir = Files.createTempDirectory(link, "host-dir-");
            assertFalse(host(m).observeCreated(dir));
            assertEquals(2, m.stats().unmanagedCreatedTotal());
            assertEquals(0, m.stats().trackedCount());
        }
    }

    @Test
    void aLinkInsideTheRootLeadingElsewhereInsideIsManagedBothWays() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        Path inner = Files.createDirectory(root.resolve("inner"));
        Path link = Files.createSymbolicLink(root.resolve("link"), inner);
        try (TempFileManager m = manager(root)) {
            Path byLibrary = m.createTempFile(link, "lib-", ".bin");
            assertTrue(m.isTracked(byLibrary));
            Path byHost = Files.createTempFile(link, "host-", ".bin");
            assertTrue(host(m).observeCreated(byHost));
            assertTrue(m.isTracked(byHost));
            assertEquals(0, m.stats().unmanagedCreatedTotal());
        }
    }

    @Test
    void thePlainRootAndADirectoryOutsideGetTheSameVerdictBothWays() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        Path outside = Files.createDirectory(base.resolve("outside"));
        try (TempFileManager m = manager(root)) {
            assertTrue(m.isTracked(m.createTempFile(root, "lib-", ".bin")));
            assertTrue(host(m).observeCreated(Files.createTempFile(root, "host-", ".bin")));
            assertThrows(IllegalArgumentException.class, () -> m.createTempFile(outside, "lib-", ".bin"));
            assertFalse(host(m).observeCreated(Files.createTempFile(outside, "host-", ".bin")));
            assertEquals(1, m.stats().unmanagedCreatedTotal());
        }
    }
}
