package io.tempguard.bench;

import java.io.File;
import java.io.FileOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The capture calls of {@link CaptureCostBenchmark} in a plain loop, timed by the thread's CPU time
 * over the second half of the run (after warm-up): far less noisy than wall time on ext4. Run it
 * with and without the agent, alternately, on a tmpfs:
 * {@code java [-javaagent:...=jmx=false,sweepOnStart=false,journal=false,roots=ROOT] -cp
 * tempguard-bench.jar io.tempguard.bench.CaptureCpuLoop ROOT OUTSIDE nos|mkdirs|fos SECONDS};
 * {@code src/bench/capture-cpu-ab.sh} runs those alternating pairs and prints the median ratios.
 */
public final class CaptureCpuLoop {
    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args[0]);
        File existingOutside = new File(args[1], "existing.bin");
        String mode = args[2];
        long seconds = Long.parseLong(args[3]);
        new FileOutputStream(existingOutside).close();
        Path newInRoot = root.resolve("bench-new.bin");
        File newDirInRoot = root.resolve("bench-dir").toFile();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long half = start + seconds * 500_000_000L;
        long end = start + seconds * 1_000_000_000L;
        long ops = 0;
        long cpuAtHalf = -1;
        long opsAtHalf = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                switch (mode) {
                    case "nos": Files.newOutputStream(newInRoot).close(); Files.delete(newInRoot); break;
                    case "mkdirs": newDirInRoot.mkdirs(); newDirInRoot.delete(); break;
                    case "fos": new FileOutputStream(existingOutside).close(); break;
                    default: throw new IllegalArgumentException("mode: nos, mkdirs or fos, not " + mode);
                }
            }
            ops += 1000;
            if (cpuAtHalf < 0 && System.nanoTime() > half) {
                cpuAtHalf = threads.getCurrentThreadCpuTime();
                opsAtHalf = ops;
            }
        }
        System.out.printf(Locale.ROOT, "%s %.3f us/op CPU%n", mode,
                (threads.getCurrentThreadCpuTime() - cpuAtHalf) / 1000.0 / (ops - opsAtHalf));
    }

    private CaptureCpuLoop() {
    }
}
