package io.tempguard.bench.cost;

import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.TempFileStats;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Registry;
import io.tempguard.PathKind;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link HeapPerPathRow} and {@link StatsScalingRow}: one manager (journal, JMX,
 * exit cleanup off: the paths are not on disk), its registry filled through the same
 * {@code Registry.add} the manager uses, with names shaped like {@code Files.createTempFile}'s
 * ({@code tg} + an unsigned random long + {@code .tmp}) in 100 parent directories. Prints
 * {@code bytesPerPath}, {@code stats1kNanos} and {@code stats1mNanos}.
 *
 * <p>The heap is read after repeated full collections (run it with {@code -XX:+UseSerialGC}, where
 * "used after a full GC" is exact), before and after the paths are added; the {@code Path}
 * objects handed to the registry are garbage at once unless the registry keeps them.
 */
public final class RegistryScaleChild {
    static final int PATHS = 1_000_000;
    private static final int PARENTS = 100;
    private static final String ROOT = "/tmp/tempguard-bench-heap";

    public static void main(String[] args) throws Exception {
        TempFileManager manager = TempFileManager.create(TempFileManagerConfig.builder()
                .roots(Paths.get("/tmp")).journal(false).jmx(false).shutdownCleanup(false).sweepOnStart(false)
                .reconcileInterval(java.time.Duration.ZERO).build());
        Registry registry = registryOf(manager);
        SplittableRandom random = new SplittableRandom(13);
        add(registry, random, 0, 1_000);
        double stats1k = statsNanos(manager);
        long before = usedAfterGc();
        add(registry, random, 1_000, PATHS);
        long after = usedAfterGc();
        double stats1m = statsNanos(manager);
        if (manager.stats().trackedFiles() != PATHS) throw new IllegalStateException("tracked " + manager.stats());
        System.out.printf(Locale.ROOT, "bytesPerPath=%.1f%n", (after - before) / (double) (PATHS - 1_000));
        System.out.printf(Locale.ROOT, "stats1kNanos=%.1f%nstats1mNanos=%.1f%n", stats1k, stats1m);
    }

    private static void add(Registry registry, SplittableRandom random, int from, int to) {
        for (int i = from; i < to; i++) {
            Path p = Paths.get(ROOT, "d" + (i % PARENTS), "tg" + Long.toUnsignedString(random.nextLong()) + ".tmp");
            registry.add(p, PathKind.FILE, new FileIdentity(0x803, 1_000_000 + i, 1_700_000_000_000_000_000L + i), 0, i);
        }
    }

    private static Registry registryOf(TempFileManager manager) throws ReflectiveOperationException {
        Field f = TempFileManager.class.getDeclaredField("registry");
        f.setAccessible(true);
        return (Registry) f.get(manager);
    }

    /** Mean nanoseconds of one {@code stats()}, best of 5 rounds of 200,000 calls. */
    private static double statsNanos(TempFileManager manager) {
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200_000; i++) {
                TempFileStats s = manager.stats();
                sink += s.trackedFiles();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 200_000.0);
        }
        if (sink == 42) System.out.println(); // keeps the loop from being removed
        return best;
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private RegistryScaleChild() {
    }
}
