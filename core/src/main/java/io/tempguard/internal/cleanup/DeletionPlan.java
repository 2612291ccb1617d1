package io.tempguard.internal.cleanup;

import io.tempguard.PathKind;
import io.tempguard.internal.registry.Entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts a cleanup into bands that run one after another, each made of tasks that may run at once:
 * first every tracked file, grouped by parent directory (one task per directory and up to
 * {@link #FILES_PER_TASK} of its files, so it is opened once per task); then the tracked
 * directories, one band per depth, deepest first, one task each. So a tracked directory still loses its tracked children before its own turn ({@link DeletionOrder}),
 * and no two tasks of a band can touch the same path: files have no insides, and directories of
 * one depth cannot nest.
 *
 * <p>Within a band the task holding the most bytes (as last measured) goes first, so a shutdown
 * cleanup cut short by its timeout has freed the most it could; within a group, registration order.
 */
final class DeletionPlan {
    private static final Comparator<Entry> BY_SEQ = new Comparator<Entry>() {
        @Override
        public int compare(Entry a, Entry b) {
            return Long.compare(a.seq(), b.seq());
        }
    };

    /** One task: tracked files of one parent directory, or one tracked directory. */
    static final class Task {
        final boolean files;
        final List<Entry> entries;
        final long bytes;

        Task(boolean files, List<Entry> entries) {
            this.files = files;
            this.entries = entries;
            long sum = 0;
            for (Entry e : entries) sum += e.size();
            this.bytes = sum;
        }
    }

    private static final Comparator<Task> MOST_BYTES_FIRST = new Comparator<Task>() {
        @Override
        public int compare(Task a, Task b) {
            int order = Long.compare(b.bytes, a.bytes);
            return order != 0 ? order : Long.compare(a.entries.get(0).seq(), b.entries.get(0).seq());
        }
    };

    private DeletionPlan() {
    }

    private static boolean inOrder(List<Entry> group) {
        for (int i = 1; i < group.size(); i++) {
            if (group.get(i - 1).seq() > group.get(i).seq()) return false;
        }
        return true;
    }

    /**
     * The most files of one directory a task holds; a larger group becomes several tasks. WHY two
     * reasons: each task's outcomes reach the registry and the journal before its thread takes the
     * next, so a cleanup cut short at shutdown has told them what it did; and both threads work on
     * one large directory too. The kernel takes the directory's lock for each unlink, but the
     * identity check's {@code statx} and tempguard's own work per file run beside it: a JVM exiting
     * with a million files in one directory left the second core idle (measured: 3 of 4 such exits
     * deleted them all within the 10 s timeout with this, 1 of 4 without). Files have no insides,
     * so two tasks of one directory never meet.
     */
    static final int FILES_PER_TASK = 4096;

    /** The bands, in the order they must run. */
    static List<List<Task>> bands(Iterable<Entry> candidates) {
        // Keyed by the entry's interned parent, not its path: building each path to group it cost
        // more than a seventh of a flat cleanup.
        Map<Object, List<Entry>> filesByParent = new HashMap<>();
        TreeMap<Integer, List<Task>> directoriesByDepth = new TreeMap<>(Collections.<Integer>reverseOrder());
        for (Entry e : candidates) {
            if (e.kind() == PathKind.DIRECTORY) {
                int depth = e.path().getNameCount();
                List<Task> band = directoriesByDepth.get(depth);
                if (band == null) directoriesByDepth.put(depth, band = new ArrayList<>());
                band.add(new Task(false, Collections.singletonList(e)));
            } else {
                Object parent = e.parentKey();
                List<Entry> group = filesByParent.get(parent);
                if (group == null) filesByParent.put(parent, group = new ArrayList<>());
                group.add(e);
            }
        }
        List<List<Task>> bands = new ArrayList<>();
        if (!filesByParent.isEmpty()) {
            List<Task> files = new ArrayList<>(filesByParent.size());
            for (List<Entry> group : filesByParent.values()) {
                if (!inOrder(group)) group.sort(BY_SEQ); // candidates usually come oldest first already
                for (int from = 0; from < group.size(); from += FILES_PER_TASK) {
                    files.add(new Task(true, group.subList(from, Math.min(group.size(), from + FILES_PER_TASK))));
                }
            }
            files.sort(MOST_BYTES_FIRST);
            bands.add(files);
        }
        for (List<Task> band : directoriesByDepth.values()) {
            band.sort(MOST_BYTES_FIRST);
            bands.add(band);
        }
        return bands;
    }
}
