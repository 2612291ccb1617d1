package io.tempguard.internal.fs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: files of one directory deleted as a group ({@link SafeDeleter#deleteSiblings}), the
 * root and parents opened once for the group. Each file must still get every check a delete of
 * its own gives it: identity, no link followed (neither the file nor a parent), no mount point,
 * nothing outside the roots. Real files, real links, real bind mounts (root only).
 */
class SafeDeleterSiblingsTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private SafeDeleter deleter;
    private final Mounts mounts = new Mounts();
    private final List<Path> deletedReported = new ArrayList<>();

    @BeforeEach
    void open() {
        deleter = new SafeDeleter(Roots.of(List.of(root)), new BirthTimeSupport());
    }

    @AfterEach
    void close() throws IOException {
        mounts.close();
    }

    private static Path write(Path p, String text) throws IOException {
        return Files.writeString(p, text);
    }

    private DeleteOutcome[] deleteAll(List<Path> paths, List<FileIdentity> ids) {
        return deleter.deleteSiblings(paths, ids, false, deletedReported::add, new SafeDeleter.Job());
    }

    private static List<FileIdentity> identities(List<Path> paths) throws IOException {
        List<FileIdentity> ids = new ArrayList<>();
        for (Path p : paths) ids.add(FsAttributes.identity(p));
        return ids;
    }

    private static DeleteOutcome.Status[] statuses(DeleteOutcome[] outcomes) {
        DeleteOutcome.Status[] s = new DeleteOutcome.Status[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) s[i] = outcomes[i].status();
        return s;
    }

    @Test
    void everyFileOfTheGroupGoesWithItsBytesAndTheDirectoryStays() throws Exception {
        Path dir = Files.createDirectories(root.resolve("a/b"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) files.add(write(dir.resolve("f" + i), "x".repeat(i)));

        DeleteOutcome[] outcomes = deleteAll(files, identities(files));

        for (int i = 0; i < files.size(); i++) {
            assertEquals(DeleteOutcome.Status.DELETED, outcomes[i].status());
            assertEquals(i, outcomes[i].bytes(), "the bytes of " + files.get(i));
            assertFalse(Files.exists(files.get(i), LinkOption.NOFOLLOW_LINKS));
        }
        assertEquals(files, deletedReported, "each deletion is reported, in order");
        assertTrue(Files.isDirectory(dir), "only the tracked files go, not their directory");
    }

    @Test
    void aFileReplacedUnderItsNameIsSkippedAndTheOthersStillGo() throws Exception {
        List<Path> files = List.of(write(root.resolve("a"), "a"), write(root.resolve("b"), "b"), write(root.resolve("c"), "c"));
        List<FileIdentity> ids = identities(files);
        Files.delete(files.get(1));
        write(root.resolve("b.new"), "another file");
        Files.move(root.resolve("b.new"), files.get(1)); // another inode under the tracked name

        DeleteOutcome[] outcomes = deleteAll(files, ids);

        assertArrayEquals(new DeleteOutcome.Status[] {DeleteOutcome.Status.DELETED, DeleteOutcome.Status.SKIPPED,
                DeleteOutcome.Status.DELETED}, statuses(outcomes));
        assertTrue(outcomes[1].reason().startsWith("identity changed"), outcomes[1].reason());
        assertEquals("another file", Files.readString(files.get(1)), "the new file at the old name is left alone");
    }

    @Test
    void aFileSwappedForALinkLeavesTheLinksTargetAlone() throws Exception {
        Path precious = write(outside.resolve("precious"), "keep me");
        List<Path> files = List.of(write(root.resolve("a"), "a"), write(root.resolve("b"), "b"));
        List<FileIdentity> ids = identities(files);
        Files.delete(files.get(0));
        Files.createSymbolicLink(files.get(0), precious);

        DeleteOutcome[] outcomes = deleteAll(files, ids);

        assertEquals(DeleteOutcome.Status.SKIPPED, outcomes[0].status(), "a link is not the tracked file");
        assertEquals(DeleteOutcome.Status.DELETED, outcomes[1].status());
        assertEquals("keep me", Files.readString(precious));
        assertTrue(Files.isSymbolicLink(files.get(0)));
    }

    @Test
    void aParentSwappedForALinkToADirectoryOutsideTheRootsRefusesTheWholeGroup() throws Exception {
        Path dir = Files.createDirectory(root.resolve("job"));
        List<Path> files = List.of(write(dir.resolve("a"), "a"), write(dir.resolve("b"), "b"));
        List<FileIdentity> ids = identities(files);
        // Outside the roots: the same names, and even the same inodes (the files moved there).
        Path elsewhere = Files.createDirectory(outside.resolve("elsewhere"));
        for (Path f : files) Files.move(f, elsewhere.resolve(f.getFileName()));
        Files.delete(dir);
        Files.createSymbolicLink(dir, elsewhere);

        DeleteOutcome[] outcomes = deleteAll(files, ids);

        for (DeleteOutcome o : outcomes) {
            assertEquals(DeleteOutcome.Status.SKIPPED, o.status(), o.toString());
            assertTrue(o.reason().startsWith("a parent directory is no longer a plain directory"), o.reason());
        }
        assertEquals("a", Files.readString(elsewhere.resolve("a")), "nothing outside the roots is deleted");
        assertEquals("b", Files.readString(elsewhere.resolve("b")));
    }

    @Test
    void aGroupOutsideTheRootsIsSkippedAndAGroupWithTwoParentsIsRejectedBeforeAnyDelete() throws Exception {
        Path out = write(outside.resolve("x"), "x");
        DeleteOutcome[] outcomes = deleteAll(List.of(out), identities(List.of(out)));
        assertEquals(DeleteOutcome.Status.SKIPPED, outcomes[0].status());
        assertTrue(Files.exists(out));

        Path a = write(root.resolve("a"), "a");
        Path b = write(Files.createDirectory(root.resolve("sub")).resolve("b"), "b");
        assertThrows(IllegalArgumentException.class, () -> deleteAll(List.of(a, b), identities(List.of(a, b))));
        assertTrue(Files.exists(a) && Files.exists(b), "nothing deleted when the group is malformed");
        // Same depth, other parent: only the parent itself tells them apart.
        Path c = write(Files.createDirectory(root.resolve("other")).resolve("c"), "c");
        assertThrows(IllegalArgumentException.class, () -> deleteAll(List.of(b, c), identities(List.of(b, c))));
        assertTrue(Files.exists(b) && Files.exists(c), "nothing deleted when the group is malformed");
    }

    @Test
    void aTrackedDirectoryInAGroupIsWalkedWithTheSameRules() throws Exception {
        Path precious = write(outside.resolve("precious"), "keep me");
        Path sub = Files.createDirectory(root.resolve("sub"));
        write(sub.resolve("inner"), "12345");
        Files.createSymbolicLink(sub.resolve("link"), precious);
        Path file = write(root.resolve("f"), "ab");

        DeleteOutcome[] outcomes = deleteAll(List.of(sub, file), identities(List.of(sub, file)));

        assertEquals(DeleteOutcome.Status.DELETED, outcomes[0].status());
        assertEquals(5, outcomes[0].bytes());
        assertEquals(DeleteOutcome.Status.DELETED, outcomes[1].status());
        assertFalse(Files.exists(sub, LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(precious), "the link inside went, its target stayed");
    }

    @Test
    void aBindMountedFileInTheGroupIsLeftInPlaceAndTheOthersGo() throws Exception {
        Mounts.requireRoot();
        Path precious = write(outside.resolve("precious"), "keep me");
        List<Path> files = List.of(write(root.resolve("a"), "a"), write(root.resolve("m"), "placeholder"),
                write(root.resolve("z"), "z"));
        mounts.bind(precious, files.get(1));
        List<FileIdentity> ids = identities(files); // the mount point's identity as tracking would have seen it

        DeleteOutcome[] outcomes = deleteAll(files, ids);

        assertEquals(DeleteOutcome.Status.DELETED, outcomes[0].status());
        assertEquals(DeleteOutcome.Status.FAILED, outcomes[1].status());
        assertEquals(MountPoints.LEFT_IN_PLACE, outcomes[1].reason());
        assertEquals(DeleteOutcome.Status.DELETED, outcomes[2].status());
        assertEquals("keep me", Files.readString(precious));
    }

    @Test
    void aBindMountedDirectoryInTheGroupIsNeitherEnteredNorRemoved() throws Exception {
        Mounts.requireRoot();
        Path data = Files.createDirectory(outside.resolve("data"));
        write(data.resolve("precious"), "keep me");
        Path mnt = Files.createDirectory(root.resolve("mnt"));
        Path file = write(root.resolve("f"), "f");
        mounts.bind(data, mnt);

        DeleteOutcome[] outcomes = deleteAll(List.of(mnt, file), identities(List.of(mnt, file)));

        assertEquals(DeleteOutcome.Status.FAILED, outcomes[0].status());
        assertEquals(MountPoints.LEFT_IN_PLACE, outcomes[0].reason());
        assertEquals(DeleteOutcome.Status.DELETED, outcomes[1].status());
        assertEquals("keep me", Files.readString(data.resolve("precious")));
    }
}
