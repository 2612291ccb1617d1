package io.tempguard.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The floor under issue 11's {@code newOutputStream} row, without the agent: the thread CPU of
 * {@code Files.newOutputStream} + close + delete of a new file in DIR, and of the one {@code stat}
 * capture adds before such a call ({@code File.exists} of a name that does not exist), in
 * alternating blocks of one JVM. Prints both and the ratio (call + stat) / call, the best any
 * capture that allows itself that one {@code stat} can reach on DIR's file system:
 * {@code java -cp tempguard-bench.jar io.tempguard.bench.CaptureStatFloor DIR} ({@code src/bench/floors.sh} runs it).
 */
public final class CaptureStatFloor {
    private static final int BLOCK = 20_000;
    private static final int WARM_UP_BLOCKS = 10;
    private static final int BLOCKS = 40;

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        Path file = dir.resolve("floor-new.bin");
        File absent = dir.resolve("floor-absent.bin").toFile();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long callNanos = 0;
        long statNanos = 0;
        int measured = 0;
        boolean seen = false; // consumed below, so the JIT cannot drop the stat
        for (int block = 0; block < BLOCKS; block++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < BLOCK; i++) {
                Files.newOutputStream(file).close();
                Files.delete(file);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < BLOCK; i++) seen ^= absent.exists();
            long t2 = threads.getCurrentThreadCpuTime();
            if (block >= WARM_UP_BLOCKS) {
                callNanos += t1 - t0;
                statNanos += t2 - t1;
                measured += BLOCK;
            }
        }
        double call = callNanos / 1000.0 / measured;
        double stat = statNanos / 1000.0 / measured;
        System.out.printf(Locale.ROOT, "%s: newOutputStream+close+delete %.3f us CPU, stat of an absent name %.3f us CPU,"
                + " floor %.3fx%s%n", dir, call, stat, (call + stat) / call, seen ? " (the name exists!)" : "");
    }

    private CaptureStatFloor() {
    }
}
