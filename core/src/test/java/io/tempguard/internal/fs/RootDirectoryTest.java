package io.tempguard.internal.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 10, deletion side: every walk starts from the root's handle, and a root that has
 * become a symbolic link or another directory since the roots were resolved is refused, so the
 * listed names are never looked up in a directory that was not the one tracked.
 */
class RootDirectoryTest {
    @TempDir
    Path base;

    private static DeleteOutcome delete(Roots roots, Path path, FileIdentity identity) {
        return new SafeDeleter(roots, new BirthTimeSupport()).delete(path, identity, false, SafeDeleter.IGNORE);
    }

    @Test
    void aRootReplacedByALinkToAnotherDirectoryIsRefused() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        Path tracked = Files.write(root.resolve("spill.bin"), "tracked".getBytes(StandardCharsets.UTF_8));
        Roots roots = Roots.of(List.of(root));

        Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
        Path victim = Files.write(elsewhere.resolve("spill.bin"), "not a temp file".getBytes(StandardCharsets.UTF_8));
        Files.move(root, base.resolve("old-root"));
        Files.createSymbolicLink(root, elsewhere);

        DeleteOutcome outcome = delete(roots, root.resolve("spill.bin"), FsAttributes.identity(victim));
        assertEquals(DeleteOutcome.Status.SKIPPED, outcome.status(), outcome.toString());
        assertTrue(outcome.reason().contains("symbolic link"), outcome.reason());
        assertTrue(Files.exists(victim), "nothing deleted through the link");
        assertTrue(Files.exists(base.resolve("old-root/spill.bin")));
    }

    @Test
    void aRootReplacedByAnotherDirectoryAtTheSamePathIsRefused() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        Roots roots = Roots.of(List.of(root));
        Files.move(root, base.resolve("old-root"));
        Files.createDirectory(root);
        Path planted = Files.write(root.resolve("data"), "x".getBytes(StandardCharsets.UTF_8));

        DeleteOutcome outcome = delete(roots, planted, FsAttributes.identity(planted));
        assertEquals(DeleteOutcome.Status.SKIPPED, outcome.status(), outcome.toString());
        assertTrue(outcome.reason().contains("another directory"), outcome.reason());
        assertTrue(Files.exists(planted));
    }

    @Test
    void anUnchangedRootIsOpenedAndTheTrackedPathDeleted() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        Path tracked = Files.createDirectories(root.resolve("job/inner"));
        Files.write(tracked.resolve("f"), new byte[10]);
        Roots roots = Roots.of(List.of(root));

        DeleteOutcome outcome = delete(roots, root.resolve("job"), FsAttributes.identity(root.resolve("job")));
        assertEquals(DeleteOutcome.Status.DELETED, outcome.status(), outcome.toString());
        assertTrue(Files.notExists(root.resolve("job")));
    }
}
