package io.tempguard.bench.cost;

import io.tempguard.CleanupResult;
import io.tempguard.OrphanSweep;
import io.tempguard.SweepResult;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * The tempguard side of a deletion row, in a fresh JVM (core on the class path, no agent):
 * <ul>
 *   <li>{@code cleanup <root> <dir>}: tracks every entry of {@code dir} (each on its own), then times
 *       {@code cleanupAll()};</li>
 *   <li>{@code sweep <journalDir>}: times {@code OrphanSweep.sweep} of a dead JVM's journal.</li>
 * </ul>
 * Prints one line {@code ms=<elapsed> deleted=<n> problems=<n> cpu=<process CPU ms during it>}.
 */
public final class CleanupChild {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("sweep")) {
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            SweepResult r = OrphanSweep.sweep(Paths.get(args[1]), false);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("ms=" + ms + " deleted=" + r.paths().deletedCount() + " problems="
                    + (r.paths().failureCount() + r.paths().skippedCount() + r.problems().size())
                    + " cpu=" + (cpuNanos() - cpu0) / 1_000_000);
            return;
        }
        Path root = Paths.get(args[1]);
        TempFileManager manager = TempFileManager.create(TempFileManagerConfig.builder().roots(root).jmx(false)
                .journalDir(root.resolve(".tempguard")).sweepOnStart(false).shutdownCleanup(false)
                .reconcileInterval(Duration.ZERO).build());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Paths.get(args[2]))) {
            for (Path p : entries) manager.register(p);
        }
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        CleanupResult r = manager.cleanupAll();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpu = (cpuNanos() - cpu0) / 1_000_000;
        manager.close();
        System.out.println("ms=" + ms + " deleted=" + r.deletedCount() + " problems=" + (r.failureCount() + r.skippedCount())
                + " cpu=" + cpu);
    }

    /** CPU time of the whole process (every thread: JIT and GC too), user and system. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private CleanupChild() {
    }
}
