package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.SweepResult;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.sweep.OrphanSweeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal narrowed at exit to the File.deleteOnExit paths ({@link JournalWriter#keepOnlyDeleteAtExit},
 * shutdownCleanup=false) whose writer then died, left damaged: the real writer writes it over real
 * files, then the bytes are cut in the middle of a record or have one byte changed. The sweep says
 * what is wrong with which journal, deletes the marked paths of the records before the damage whose
 * identity still matches, never a path the narrowed list did not hold (not even one a corrupted byte
 * names: the record's checksum catches it), and keeps the paths it can no longer vouch for.
 */
class NarrowedJournalDamageTest {
    /** Marked for deletion at exit: {@code m-<i>.so}. Kept (shutdownCleanup=false): {@code k-<i>.so}. */
    private static final int PAIRS = 4;

    @TempDir
    Path tmp;

    /** A record of the narrowed journal: where it lies in the file and the path it registers. */
    private static final class Record {
        final int start;
        final int end;
        final Path path;

        Record(int start, int end, Path path) {
            this.start = start;
            this.end = end;
            this.path = path;
        }
    }

    /** What the dead writer left: its journal (in the sweeper's directory) and the files. */
    private static final class Left {
        Path journal;
        final List<Path> marked = new ArrayList<>();
        final List<Path> kept = new ArrayList<>();
        /** The narrowed journal's records, in file order. */
        List<Record> records;
    }

    /**
     * Creates the files, registers all of them with the real writer, marks the {@code m-*} ones for
     * deletion at exit, narrows, and copies the journal file as the writer left it (the writer's own
     * file stays locked by this JVM, so the sweeper gets a copy, which is what a dead owner leaves).
     */
    private Left narrowedJournalOfADeadWriter() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path journals = Files.createDirectory(tmp.resolve("journals"));
        Files.setPosixFilePermissions(journals, PosixFilePermissions.fromString("rwx------"));
        Left left = new Left();
        ProcessIdentity dead = JournalFixture.ofDeadProcess(List.of(root)).owner();
        Registry registry = new Registry();
        JournalWriter writer = new JournalWriter(tmp.resolve("writer"), 0, dead, List.of(root), Runnable::run);
        registry.setListener(writer);
        writer.open();
        for (int i = 0; i < PAIRS; i++) {
            left.kept.add(register(registry, Files.writeString(root.resolve("k-" + i + ".so"), "kept " + i)));
            Path m = register(registry, Files.writeString(root.resolve("m-" + i + ".so"), "marked " + i));
            assertEquals(Registry.Mark.MARKED, registry.markDeleteAtExit(m));
            left.marked.add(m);
        }
        writer.keepOnlyDeleteAtExit();
        assertTrue(writer.healthy(), writer.status());
        left.journal = journals.resolve(writer.file().getFileName());
        Files.copy(writer.file(), left.journal, StandardCopyOption.COPY_ATTRIBUTES);
        writer.finish(false);

        JournalReader.Contents narrowed = JournalWriterTest.readCopy(left.journal);
        assertEquals(null, narrowed.problem());
        assertEquals(new TreeSet<>(left.marked), new TreeSet<>(narrowed.listed().stream().map(JournalReader.Listed::path)
                .collect(Collectors.toList())), "the narrowed journal lists the marked paths only");
        left.records = records(Files.readAllBytes(left.journal));
        assertEquals(PAIRS, left.records.size(), "one REGISTER record per marked path");
        return left;
    }

    private static Path register(Registry registry, Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        registry.add(file, PathKind.FILE, FileIdentity.of(a), a.size(), System.currentTimeMillis());
        return file;
    }

    /** The records of the log the superblock points at, up to the zero length that ends it. */
    private static List<Record> records(byte[] file) {
        ByteBuffer buf = ByteBuffer.wrap(file);
        int superblock = JournalFormat.superblockOffset(buf.getInt(6));
        int at = JournalFormat.logStart(buf.getLong(superblock));
        List<Record> records = new ArrayList<>();
        for (int length = buf.getInt(at); length != 0; length = buf.getInt(at)) {
            int pathLength = buf.getShort(at + 4 + 26) & 0xFFFF; // type, kind, device, inode, birth time
            String path = new String(file, at + 4 + 28, pathLength, StandardCharsets.UTF_8);
            records.add(new Record(at, at + 4 + length + 4, Path.of(path)));
            at += 4 + length + 4;
        }
        return records;
    }

    private SweepResult sweep(Left left) {
        return new OrphanSweeper(left.journal.getParent(), ProcessIdentity.current(), false).sweep();
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** How the narrowed journal is damaged: cut in its last record, or one byte of a record changed. */
    enum Damage { TORN_LAST_RECORD, CORRUPT_BYTE_IN_THIRD_RECORD }

    /**
     * The records before the damage are swept (but the first marked file was replaced after the exit:
     * a new file under that name is skipped, not deleted), and the damaged record's path stays. A
     * file cut in its last record has lost the writer's layout, so nothing after the cut is looked
     * for; in a file of the writer's layout with one bad byte, reading resumes after the damaged
     * record and the records after it are swept too. Every kept file stays (the bad byte made its
     * record name one), and the one problem names the journal, where the damage is and what was read.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Damage.class)
    void theSweepTrustsTheValidRecordsAroundTheDamageAndNeverTouchesWhatWasKept(Damage damage) throws Exception {
        Left left = narrowedJournalOfADeadWriter();
        List<Record> r = left.records;
        int damaged;
        byte[] bytes = Files.readAllBytes(left.journal);
        if (damage == Damage.TORN_LAST_RECORD) {
            damaged = r.size() - 1;
            int cut = r.get(damaged).start + (r.get(damaged).end - r.get(damaged).start) / 2;
            try (FileChannel ch = FileChannel.open(left.journal, StandardOpenOption.WRITE)) {
                ch.truncate(cut); // as a kill in the middle of a write leaves it, without the zero-filled tail
            }
        } else {
            // One byte turns "m-<i>.so" into "k-<i>.so": the record now names a file the host kept.
            damaged = 2;
            Record third = r.get(damaged);
            int nameByte = third.end - 4 - third.path.getFileName().toString().length();
            assertEquals('m', bytes[nameByte]);
            bytes[nameByte] = 'k';
            Files.write(left.journal, bytes);
            Path named = Path.of(new String(bytes, third.end - 4 - third.path.toString().length(),
                    third.path.toString().length(), StandardCharsets.UTF_8));
            assertTrue(left.kept.contains(named), "the corrupted record names a kept file: " + named);
        }
        // After the exit, a new file under the first record's name (created first: a new inode).
        Path replaced = r.get(0).path;
        Path other = Files.writeString(replaced.resolveSibling("other"), "someone else's");
        Files.move(other, replaced, StandardCopyOption.REPLACE_EXISTING);

        SweepResult result = sweep(left);

        String all = result.summary() + " " + result.problems() + " skipped " + result.paths().skipped();
        assertEquals(1, result.journalsSwept(), all);
        assertEquals(1, result.problems().size(), "one problem, for the damaged journal: " + all);
        String problem = result.problems().get(0);
        assertTrue(problem.startsWith(left.journal.toString() + ": record " + (damaged + 1) + " at offset "
                + r.get(damaged).start), problem);
        assertTrue(problem.contains(damage == Damage.TORN_LAST_RECORD ? "cut short" : "fails its checksum"), problem);
        boolean resumes = damage == Damage.CORRUPT_BYTE_IN_THIRD_RECORD;
        assertTrue(problem.endsWith(resumes ? damaged + " records before it were read; reading resumed at offset "
                + r.get(damaged + 1).start + ", where " + (r.size() - damaged - 1) + " more records were read"
                : damaged + " records before it were read"), problem);

        assertEquals("someone else's", Files.readString(replaced), "a replaced file is never deleted");
        assertEquals(1, result.paths().skippedCount(), all);
        assertEquals(replaced, result.paths().skipped().get(0).path(), all);
        List<Path> swept = new ArrayList<>();
        for (int i = 1; i < r.size(); i++) if (i < damaged || (resumes && i > damaged)) swept.add(r.get(i).path);
        assertEquals(new TreeSet<>(swept), new TreeSet<>(result.paths().deleted()), "every valid record, but the "
                + "replaced file: " + all);
        for (Path p : swept) assertFalse(exists(p), p + " was swept");
        for (int i = damaged; i < (resumes ? damaged + 1 : r.size()); i++) {
            assertTrue(exists(r.get(i).path), "a path the damaged log can no longer vouch for stays: " + r.get(i).path);
        }
        for (Path k : left.kept) assertTrue(exists(k), "a path the host kept is never swept: " + k);
        assertFalse(exists(left.journal), "the damaged journal is done with: its readable part was swept");

        SweepResult again = sweep(left);
        assertEquals(0, again.journalsSwept(), again.summary());
        assertEquals(0, again.paths().deletedCount(), again.summary());
    }

    /** A changed header byte: the whole journal is unreadable, set aside as it was, and nothing is deleted. */
    @Test
    void aCorruptHeaderSetsTheJournalAsideAndDeletesNothing() throws Exception {
        Left left = narrowedJournalOfADeadWriter();
        byte[] bytes = Files.readAllBytes(left.journal);
        bytes[20] ^= 0x01; // inside the process start time: the header's checksum fails
        Files.write(left.journal, bytes);

        SweepResult result = sweep(left);

        assertEquals(0, result.journalsSwept(), result.summary());
        assertEquals(1, result.journalsSetAside(), result.summary());
        assertEquals(List.of(left.journal + " is not a readable journal (header checksum mismatch); renamed to "
                + left.journal.getFileName() + ".corrupt for inspection"), result.problems());
        assertEquals(0, result.paths().deletedCount(), result.summary());
        Set<Path> all = new TreeSet<>(left.marked);
        all.addAll(left.kept);
        for (Path p : all) assertTrue(exists(p), "nothing is deleted on the word of an unreadable journal: " + p);
        Path aside = left.journal.resolveSibling(left.journal.getFileName() + ".corrupt");
        assertArrayEquals(bytes, Files.readAllBytes(aside), "set aside as it was, for inspection");
    }
}
