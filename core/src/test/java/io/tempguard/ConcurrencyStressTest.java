package io.tempguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tempguard.TestManagers.host;
import static io.tempguard.TestManagers.exists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 16 threads use one manager the way a busy host does while two others clean up and read
 * statistics. Afterwards every path is accounted for exactly once.
 */
class ConcurrencyStressTest {
    private static final int WORKERS = 16;
    private static final Duration RUN = Duration.ofMillis(4_500);

    @TempDir
    Path root;

    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile int cleanups;

    /** What one worker did, kept so the end state can be checked path by path. */
    private final class Worker implements Runnable {
        final TempFileManager m;
        final Path dir; // untracked, so only this worker ever creates or removes names directly in it
        final List<Path> started = new ArrayList<>(); // every path whose tracking this worker started
        final Map<Path, Path> nested = new HashMap<>(); // untracked path -> the tracked directory holding it
        final Set<Path> unregistered = new HashSet<>();
        final List<Path> live = new ArrayList<>(); // files this worker may still act on
        long trackStarts;
        long releasedByMe;

        Worker(TempFileManager m, Path dir) {
            this.m = m;
            this.dir = dir;
        }

        @Override
        public void run() {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (!stop.get()) {
                try {
                    step(rnd.nextInt(10), rnd);
                } catch (Throwable t) {
                    errors.add(t);
                    return;
                }
            }
        }

        private void started(Path p) {
            trackStarts++;
            started.add(p);
        }

        private Path randomLive(ThreadLocalRandom rnd) {
            return live.isEmpty() ? null : live.get(rnd.nextInt(live.size()));
        }

        private void step(int op, ThreadLocalRandom rnd) throws IOException {
            switch (op) {
                case 0: { // create a tracked file and write to it
                    Path f = m.createTempFile(dir, "f", ".bin");
                    started(f);
                    live.add(f);
                    raced(() -> Files.write(f, new byte[rnd.nextInt(1, 2048)], StandardOpenOption.WRITE));
                    break;
                }
                case 1: { // create a tracked directory with an untracked file inside
                    Path d = m.createTempDirectory(dir, "d");
                    started(d);
                    Path inner = d.resolve("inner.bin");
                    nested.put(inner, d);
                    raced(() -> Files.write(inner, new byte[rnd.nextInt(1, 512)], StandardOpenOption.CREATE_NEW));
                    break;
                }
                case 2: { // a scoped work directory with nested content
                    try (ScopedTempPath s = m.newTempDirectory(dir, "s")) {
                        started(s.path());
                        Path sub = s.path().resolve("sub");
                        nested.put(sub, s.path());
                        nested.put(sub.resolve("x.bin"), s.path());
                        nested.put(s.path().resolve("y.bin"), s.path());
                        raced(() -> Files.createDirectory(sub));
                        raced(() -> Files.write(sub.resolve("x.bin"), new byte[100], StandardOpenOption.CREATE_NEW));
                        raced(() -> Files.write(s.path().resolve("y.bin"), new byte[10], StandardOpenOption.CREATE_NEW));
                    }
                    break;
                }
                case 3: { // a scoped file
                    try (ScopedTempPath s = m.newTempFile(dir, "t", ".bin")) {
                        started(s.path());
                        raced(() -> Files.write(s.path(), new byte[64], StandardOpenOption.WRITE));
                    }
                    break;
                }
                case 4: { // a file made with Files, then registered (twice)
                    Path f = Files.createTempFile(dir, "r", ".bin");
                    Files.write(f, new byte[rnd.nextInt(1, 1024)]);
                    if (!m.register(f)) throw new AssertionError("first register of " + f + " returned false");
                    started(f);
                    live.add(f);
                    try {
                        // Only true if a cleanup deleted it after the read and before the add: a new start then.
                        if (m.register(f)) trackStarts++;
                    } catch (NoSuchFileException deletedByACleanup) {
                        // fine
                    }
                    break;
                }
                case 5: { // a file the agent would report
                    Path f = Files.createTempFile(dir, "o", ".bin");
                    if (!host(m).observeCreated(f)) throw new AssertionError("observeCreated of " + f + " returned false");
                    started(f);
                    live.add(f);
                    break;
                }
                case 6: { // let one go
                    Path f = randomLive(rnd);
                    if (f == null) break;
                    live.remove(f);
                    if (m.unregister(f)) {
                        unregistered.add(f);
                        releasedByMe++;
                    }
                    break;
                }
                case 7: { // delete one myself, as the host would
                    Path f = randomLive(rnd);
                    if (f == null) break;
                    live.remove(f);
                    Files.deleteIfExists(f);
                    if (host(m).observeDeleted(f)) releasedByMe++;
                    break;
                }
                case 8: { // grow one and register it again
                    Path f = randomLive(rnd);
                    if (f == null) break;
                    raced(() -> Files.write(f, new byte[rnd.nextInt(1, 256)], StandardOpenOption.APPEND));
                    try {
                        if (m.register(f)) trackStarts++; // see case 4
                    } catch (NoSuchFileException deletedByACleanup) {
                        live.remove(f);
                    }
                    break;
                }
                default: { // look at what is tracked
                    m.isTracked(dir.resolve("nothing"));
                    if (m.listTracked(5).size() > 5) throw new AssertionError("listTracked ignored its limit");
                    break;
                }
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** A write into a path a concurrent cleanup may have deleted: NoSuchFileException is the expected race. */
    private static void raced(IoAction action) throws IOException {
        try {
            action.run();
        } catch (NoSuchFileException deletedByACleanup) {
            // fine
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void concurrentUseKeepsEveryPathAccountedForExactlyOnce() throws Exception {
        try (TempFileManager m = TestManagers.create(root)) {
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) workers.add(new Worker(m, Files.createDirectory(root.resolve("w" + i))));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 2);
            List<Future<?>> futures = new ArrayList<>();
            for (Worker w : workers) futures.add(pool.submit(() -> await(go, w)));
            futures.add(pool.submit(() -> await(go, () -> cleaner(m))));
            futures.add(pool.submit(() -> await(go, () -> reader(m))));

            go.countDown();
            Thread.sleep(RUN.toMillis());
            stop.set(true);
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                fail("threads still running 30 s after stop: deadlock?\n" + threadDump());
            }
            for (Future<?> f : futures) f.get();
            if (!errors.isEmpty()) {
                AssertionError e = new AssertionError(errors.size() + " thread(s) failed; first: " + errors.peek());
                errors.forEach(e::addSuppressed);
                throw e;
            }

            // Nothing lost, nothing counted twice.
            TempFileStats s = m.stats();
            long starts = workers.stream().mapToLong(w -> w.trackStarts).sum();
            long releasedByWorkers = workers.stream().mapToLong(w -> w.releasedByMe).sum();
            System.out.println("stress: " + starts + " tracking starts, " + releasedByWorkers
                    + " released by workers, " + cleanups + " cleanups; " + s);
            assertTrue(starts > 200, "the run did too little to prove anything: " + starts + " tracked paths");
            TestManagers.assertInvariant(s);
            assertEquals(starts, s.createdTotal(), "createdTotal vs. tracking starts the workers made: " + s);
            assertEquals(0, s.skippedCount(), "no path was replaced, so none may be skipped");
            assertTrue(s.releasedTotal() >= releasedByWorkers, s + " vs " + releasedByWorkers + " released by workers");
            for (Worker w : workers) {
                for (Path p : w.started) {
                    if (exists(p) && !w.unregistered.contains(p)) {
                        assertTrue(m.isTracked(p), () -> p + " exists but is neither tracked nor unregistered");
                    }
                }
                for (Map.Entry<Path, Path> e : w.nested.entrySet()) {
                    if (exists(e.getKey())) {
                        assertTrue(m.isTracked(e.getValue()),
                                () -> e.getKey() + " exists but its directory " + e.getValue() + " is not tracked");
                    }
                }
            }

            CleanupResult last = m.cleanupAll();

            assertEquals(0, last.failureCount(), () -> last.failures().toString());
            s = m.stats();
            assertEquals(0, s.trackedCount());
            assertEquals(0, s.trackedBytes(), "bytes of paths no longer tracked were left in the total: " + s);
            TestManagers.assertInvariant(s);
            Set<Path> allowed = new HashSet<>();
            for (Worker w : workers) {
                allowed.add(w.dir);
                allowed.addAll(w.unregistered);
            }
            for (Path p : TestManagers.contents(root)) {
                assertTrue(allowed.contains(p), () -> p + " was left behind by the final cleanupAll");
            }
        }
    }

    private void cleaner(TempFileManager m) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (!stop.get()) {
            CleanupResult r = rnd.nextInt(4) == 0
                    ? m.cleanupOlderThan(Duration.ofMillis(rnd.nextInt(100)))
                    : m.cleanupAll();
            if (r.isDryRun()) throw new AssertionError("a real cleanup reported a dry run");
            cleanups++;
            sleepQuietly(rnd.nextInt(30));
        }
    }

    private void reader(TempFileManager m) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (!stop.get()) {
            TempFileStats s = m.stats();
            if (s.createdTotal() < 0 || s.oldestTrackedAge().isNegative()) throw new AssertionError(s.toString());
            for (TrackedPath t : m.listTracked(64)) {
                if (!t.path().startsWith(root)) throw new AssertionError("tracked outside the root: " + t);
            }
            switch (rnd.nextInt(10)) {
                case 0: m.reconcile(); break;
                case 1: m.measureTrackedBytes(); break;
                case 2:
                    if (!m.previewCleanup(Duration.ZERO).isDryRun()) throw new AssertionError("preview not a dry run");
                    break;
                default: break;
            }
            sleepQuietly(rnd.nextInt(5));
        }
    }

    private void await(CountDownLatch go, Runnable body) {
        try {
            go.await();
            body.run();
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String threadDump() {
        StringBuilder sb = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) sb.append(t);
        return sb.toString();
    }
}
