package io.tempguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hot path of {@code HotPathBenchmark} ({@code Files.createTempFile} + {@code delete}) in a plain
 * loop on THREADS threads, for a tmpfs, where JMH's forks on ext4 are too noisy to compare two
 * builds: six rounds of OPS pairs per thread; prints the best round's wall time per pair (as JMH's
 * average time per op per thread) and the host threads' own CPU time per pair in that round, in µs
 * (the threads that make the calls, the kernel's work for them included; not the JIT compiler,
 * which in a run this short is still compiling the hot path, on either side).
 * {@code src/bench/hotpath-ab.sh} alternates the bare JVM and two agent jars and prints medians:
 * {@code java [-Djava.io.tmpdir=DIR -javaagent:...] -cp tempguard-bench.jar
 * io.tempguard.bench.HotPathLoop DIR OPS THREADS}.
 */
public final class HotPathLoop {
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int ops = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        ThreadMXBean cpuTimes = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double bestWall = Double.MAX_VALUE;
        double cpuOfBest = 0;
        try {
            for (int round = 0; round < 6; round++) {
                long wall0 = System.nanoTime();
                List<Future<Long>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    running.add(pool.submit(() -> {
                        long cpu0 = cpuTimes.getCurrentThreadCpuTime();
                        for (int i = 0; i < ops; i++) Files.delete(Files.createTempFile(dir, "hot", ".tmp"));
                        return cpuTimes.getCurrentThreadCpuTime() - cpu0;
                    }));
                }
                long cpuNanos = 0;
                for (Future<Long> f : running) cpuNanos += f.get();
                double wall = (System.nanoTime() - wall0) / 1e3 / ops;
                double cpu = cpuNanos / 1e3 / ops / threads;
                if (round > 0 && wall < bestWall) { // round 0 is the warm-up
                    bestWall = wall;
                    cpuOfBest = cpu;
                }
            }
        } finally {
            pool.shutdown();
        }
        System.out.println(String.format(Locale.ROOT, "%.2f %.2f", bestWall, cpuOfBest));
    }

    private HotPathLoop() {
    }
}
