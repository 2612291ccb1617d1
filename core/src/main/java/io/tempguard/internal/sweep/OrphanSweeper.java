package io.tempguard.internal.sweep;

import io.tempguard.PathKind;
import io.tempguard.SweepResult;
import io.tempguard.internal.OwnOperations;
import io.tempguard.internal.cleanup.CleanupResultBuilder;
import io.tempguard.internal.forensics.ForensicEvents;
import io.tempguard.internal.cleanup.DeletionOrder;
import io.tempguard.internal.cleanup.OutcomeTally;
import io.tempguard.internal.fs.BirthTimeSupport;
import io.tempguard.internal.fs.DeleteOutcome;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.fs.SafeDeleter;
import io.tempguard.internal.journal.JournalDirectory;
import io.tempguard.internal.journal.JournalFormat;
import io.tempguard.internal.journal.JournalReader;
import io.tempguard.internal.journal.JournalRewriter;
import io.tempguard.internal.journal.JournalRoot;
import io.tempguard.internal.journal.ProcessIdentity;
import io.tempguard.internal.log.Logs;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Objects;

/**
 * Finds the journals of JVMs that died without cleaning up (SIGKILL, OOM killer, halt, power loss
 * of a container) and deletes what they still list, with the same safety rules as cleanup: no link
 * is followed, no other file system entered, nothing outside the journal's recorded roots touched,
 * and a path whose identity no longer matches the journal is left alone.
 *
 * <p>A journal is only ever swept while this sweeper holds its lock, and its lock is only free when
 * its owner is dead: two sweepers never work on the same journal, and a live JVM's journal is never
 * touched. When in doubt (the lock is free but a process with the recorded pid and start time
 * runs), the owner is treated as alive. A journal locked although its owner is dead is another
 * sweeper's at work: counted as busy. The directory is read as a stream, one entry at a time, and
 * each journal is streamed too (memory bounded by what it still lists, not by its size).
 *
 * <p>A root the journal recorded is refused, and nothing under it deleted, when it has since become
 * a symbolic link or another directory (its identity, recorded in version-3 headers, differs); its
 * paths stay in the journal. Problems are logged as one line per journal, and a problem that stays
 * the same from sweep to sweep (an immutable file) only the first time ({@link ReportedProblems}).
 *
 * <p>Needs no running manager: the console runs the same code stand-alone.
 */
public final class OrphanSweeper {
    private static final Logger LOG = Logs.get(OrphanSweeper.class);
    private static final Comparator<JournalReader.Listed> ORDER = new Comparator<JournalReader.Listed>() {
        @Override
        public int compare(JournalReader.Listed a, JournalReader.Listed b) {
            return DeletionOrder.compare(a.kind(), a.path(), b.kind(), b.path());
        }
    };

    private final Path directory;
    private final ProcessIdentity self;
    private final boolean dryRun;
    private final BirthTimeSupport birthTimes = new BirthTimeSupport();

    /**
     * @param self the sweeping process if it keeps journals itself (they are skipped by name:
     *             opening and closing a file this process has locked would drop its lock), or null
     */
    public OrphanSweeper(Path directory, ProcessIdentity self, boolean dryRun) {
        this.directory = directory.toAbsolutePath().normalize();
        this.self = self;
        this.dryRun = dryRun;
    }

    public SweepResult sweep() {
        CleanupResultBuilder paths = new CleanupResultBuilder(dryRun).deletedBy(dryRun ? null : ForensicEvents.BY_SWEEP);
        List<String> problems = new ArrayList<>();
        JournalCounts counts = new JournalCounts();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return new SweepResult(dryRun, 0, 0, 0, 0, problems, paths.build()); // no journals yet
        }
        OwnOperations.enter();
        try {
            JournalDirectory.verify(directory);
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, JournalFormat.PREFIX + "*")) {
                for (Path file : stream) {
                    String name = file.getFileName().toString();
                    if (isOwn(name)) continue;
                    if (name.endsWith(JournalFormat.SUFFIX)) {
                        sweepJournal(file, paths, problems, counts);
                    } else if (name.endsWith(JournalFormat.SUFFIX + JournalFormat.COMPACT_SUFFIX)) {
                        removeAbandonedCompaction(file);
                    } else if (name.endsWith(JournalFormat.SUFFIX + ReportedProblems.SUFFIX)) {
                        forgetIfJournalGone(file);
                    }
                }
            }
        } catch (JournalDirectory.RefusedException e) {
            // A distrusted directory is reported in the result; a manager using it has already said
            // so once ("journal off"), so the log stays quiet here.
            problems.add("cannot sweep " + directory + ": " + e.getMessage());
            LOG.debug("tempguard: not sweeping {}: {}", directory, e.getMessage());
        } catch (IOException e) {
            problems.add("cannot sweep " + directory + ": " + e.getMessage());
            LOG.warn("tempguard: cannot sweep {}: {}", directory, e.getMessage());
        } finally {
            OwnOperations.exit();
        }
        SweepResult result = new SweepResult(dryRun, counts.swept, counts.live, counts.setAside, counts.busy, problems,
                paths.build());
        if (counts.swept > 0 || !problems.isEmpty()) {
            LOG.info("tempguard orphan sweep of {}: {}", directory, result.summary());
        }
        return result;
    }

    private boolean isOwn(String name) {
        if (self == null) return false;
        String stem = JournalFormat.PREFIX + self.fileStem();
        return name.startsWith(stem + JournalFormat.SUFFIX) || name.startsWith(stem + "-");
    }

    private void sweepJournal(Path file, CleanupResultBuilder paths, List<String> problems, JournalCounts counts) {
        Object keyBefore;
        try {
            if (!JournalDirectory.ownedBySelf(file)) {
                problems.add(file + ": owned by another user; left alone");
                return;
            }
            keyBefore = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            problems.add(file + ": " + e.getMessage());
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (tryLock(channel) == null) {
                // Held by its owner, or by another sweeper at work on it: the header tells which.
                if (ownerRuns(channel)) counts.live++;
                else counts.busy++;
                return;
            }
            // Still the file we opened? (A live owner compacting renames a new locked file over it.)
            Object keyAfter;
            try {
                keyAfter = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            } catch (NoSuchFileException gone) {
                return; // another sweeper finished it
            }
            if (!Objects.equals(keyBefore, keyAfter)) {
                counts.live++;
                return;
            }
            sweepLocked(file, channel, paths, problems, counts);
        } catch (NoSuchFileException gone) {
            // swept by someone else meanwhile
        } catch (IOException e) {
            problems.add(file + ": " + e.getMessage());
            LOG.warn("tempguard: cannot sweep journal {}: {}", file, e.toString());
        }
    }

    private void sweepLocked(Path file, FileChannel channel, CleanupResultBuilder paths, List<String> problems,
                             JournalCounts counts) throws IOException {
        if (channel.size() == 0) {
            // Its owner died before writing the header: nothing was ever listed.
            if (!dryRun) Files.deleteIfExists(file);
            counts.swept++;
            return;
        }
        if (channel.size() > JournalReader.MAX_FILE_SIZE) {
            // Not even looked into: no journal grows this large (a sparse or foreign file).
            setAside(file, "file too large (" + channel.size() + " bytes; a journal is at most "
                    + JournalReader.MAX_FILE_SIZE + ")", problems, counts);
            return;
        }
        JournalReader.Contents contents = JournalReader.read(channel);
        if (contents.unreadable()) {
            setAside(file, contents.problem(), problems, counts);
            return;
        }
        if (contents.owner().isRunning()) {
            // The lock is free, yet a process with this pid and start time runs: when in doubt, alive.
            counts.live++;
            problems.add(file + ": its lock is free but " + contents.owner() + " still runs; left alone");
            return;
        }
        if (contents.problem() != null) {
            problems.add(file + ": " + contents.problem());
            LOG.warn("tempguard: journal {} of {}: {}", file, contents.owner(), contents.problem());
        }
        counts.swept++;
        ProblemSummary report = new ProblemSummary(file, contents.owner());
        List<JournalReader.Listed> failed = deleteListed(contents, paths, report);
        report.log(dryRun);
        if (dryRun) return;
        if (failed.isEmpty()) {
            Files.deleteIfExists(file);
            ReportedProblems.forget(file);
        } else {
            JournalRewriter.rewrite(channel, contents.owner(), contents.recordedRoots(), failed);
        }
    }

    private void setAside(Path file, String why, List<String> problems, JournalCounts counts) throws IOException {
        counts.setAside++;
        String problem = file + " is not a readable journal (" + why + ")";
        if (!dryRun) {
            Path aside = file.resolveSibling(file.getFileName() + JournalFormat.CORRUPT_SUFFIX);
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            ReportedProblems.forget(file);
            problem += "; renamed to " + aside.getFileName() + " for inspection";
        }
        problems.add(problem);
        LOG.warn("tempguard: {}", problem);
    }

    /**
     * Whether the writer of the locked journal in {@code channel} still runs; if not, the lock is a
     * concurrent sweeper's. Only the header is read (a torn header: assume the owner).
     */
    private static boolean ownerRuns(FileChannel channel) {
        try {
            ProcessIdentity owner = JournalReader.readOwner(channel);
            return owner == null || owner.isRunning();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** A {@code .reported} note whose journal is gone (swept by another JVM meanwhile). */
    private void forgetIfJournalGone(Path note) {
        if (dryRun) return;
        String name = note.getFileName().toString();
        Path journal = note.resolveSibling(name.substring(0, name.length() - ReportedProblems.SUFFIX.length()));
        if (!Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) ReportedProblems.forget(journal);
    }

    /** Deletes what the journal lists; returns the entries that failed (to keep for the next sweep). */
    private List<JournalReader.Listed> deleteListed(JournalReader.Contents contents, CleanupResultBuilder paths,
                                                    ProblemSummary report) {
        Map<Path, String> refusedRoots = new LinkedHashMap<>();
        RootCheck rootCheck = new RootCheck(birthTimes);
        for (JournalRoot root : contents.recordedRoots()) {
            String refusal = rootCheck.refusal(root);
            if (refusal != null) refusedRoots.put(root.path(), refusal);
        }
        SafeDeleter deleter = new SafeDeleter(Roots.of(contents.roots()), birthTimes);
        List<JournalReader.Listed> listed = new ArrayList<>(contents.listed());
        listed.sort(ORDER);
        List<JournalReader.Listed> failed = new ArrayList<>();
        // A dry run deletes nothing, so a listed file inside a listed directory would be counted twice.
        Set<Path> directories = new HashSet<>();
        if (dryRun) {
            for (JournalReader.Listed entry : listed) {
                if (entry.kind() == PathKind.DIRECTORY) directories.add(entry.path());
            }
        }
        SafeDeleter.Job job = new SafeDeleter.Job();
        // Files first, grouped by parent directory (each opened once for its group); then the
        // directories one by one, deepest first.
        Map<Path, SiblingGroup> filesByParent = new LinkedHashMap<>();
        List<JournalReader.Listed> directoriesInOrder = new ArrayList<>();
        for (JournalReader.Listed entry : listed) {
            Path path = entry.path().toAbsolutePath().normalize();
            String refusal = refusalFor(path, refusedRoots);
            if (refusal != null) {
                paths.failed(entry.path(), refusal + "; nothing under it is deleted");
                failed.add(entry); // kept for the next sweep: the root may be put back
            } else if (entry.kind() == PathKind.DIRECTORY) {
                directoriesInOrder.add(entry);
            } else {
                Path parent = path.getParent();
                SiblingGroup group = filesByParent.get(parent);
                if (group == null) filesByParent.put(parent, group = new SiblingGroup());
                group.add(entry, path);
            }
        }
        for (SiblingGroup group : filesByParent.values()) {
            DeleteOutcome[] outcomes = deleter.deleteSiblings(group.paths, group.identities, dryRun, SafeDeleter.IGNORE, job);
            for (int i = 0; i < outcomes.length; i++) {
                tally(group.entries.get(i), outcomes[i], directories, paths, failed, report);
            }
        }
        for (JournalReader.Listed entry : directoriesInOrder) {
            Path path = entry.path().toAbsolutePath().normalize();
            tally(entry, deleter.delete(path, entry.identity(), dryRun, SafeDeleter.IGNORE, job), directories, paths,
                    failed, report);
        }
        for (Map.Entry<Path, String> refused : refusedRoots.entrySet()) report.refusedRoot(refused.getValue());
        return failed;
    }

    /** Listed files of one parent directory, with the normalized path each is deleted by. */
    private static final class SiblingGroup {
        final List<JournalReader.Listed> entries = new ArrayList<>();
        final List<Path> paths = new ArrayList<>();
        final List<FileIdentity> identities = new ArrayList<>();

        void add(JournalReader.Listed entry, Path normalized) {
            entries.add(entry);
            paths.add(normalized);
            identities.add(entry.identity());
        }
    }

    private static void tally(JournalReader.Listed entry, DeleteOutcome outcome, Set<Path> directories,
                              CleanupResultBuilder paths, List<JournalReader.Listed> failed, ProblemSummary report) {
        OutcomeTally.add(paths, entry.path(), outcome, !DeletionOrder.hasAncestorIn(entry.path(), directories));
        if (outcome.status() == DeleteOutcome.Status.SKIPPED) {
            report.skipped(entry.path(), outcome.reason());
        } else if (outcome.status() == DeleteOutcome.Status.FAILED) {
            failed.add(entry);
            report.failed(entry.path(), outcome.reason());
        }
    }

    private static String refusalFor(Path path, Map<Path, String> refusedRoots) {
        for (Map.Entry<Path, String> root : refusedRoots.entrySet()) {
            if (path.startsWith(root.getKey())) return root.getValue();
        }
        return null;
    }

    /** The file's lock if free; null while a live process (or this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    /** A compaction its owner never finished: only the lock tells whether the owner is still at it. */
    private void removeAbandonedCompaction(Path file) {
        if (dryRun) return;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (tryLock(channel) != null) Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("tempguard: leaving {}: {}", file, e.toString());
        }
    }
}
