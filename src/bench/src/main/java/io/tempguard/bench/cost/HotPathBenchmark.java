package io.tempguard.bench.cost;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The agent's hot path as a host meets it: two threads each creating a temp file and deleting it.
 * {@link HotPathRow} forks it without and with {@code -javaagent} (defaults: journal on).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class HotPathBenchmark {
    @Benchmark
    public Path createTempFileAndDelete() throws IOException {
        Path p = Files.createTempFile("tg-hot-", ".tmp");
        Files.delete(p);
        return p;
    }
}
