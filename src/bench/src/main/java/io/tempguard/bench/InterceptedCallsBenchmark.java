package io.tempguard.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The JDK calls the agent instruments, as a host makes them. {@link BenchMain} runs this class in
 * two forks, without and with {@code -javaagent}, and reports the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InterceptedCallsBenchmark {
    private Path dir;
    private Path missing;
    private File missingFile;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("tempguard-bench-calls-");
        missing = dir.resolve("never-there");
        missingFile = missing.toFile();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir);
    }

    /** A temp file's life through the NIO API: create (tracked by the agent), then delete (untracked). */
    @Benchmark
    public Path filesCreateTempFileAndDelete() throws IOException {
        Path p = Files.createTempFile("bench-", ".tmp");
        Files.delete(p);
        return p;
    }

    /** The same through java.io.File (two nested overloads, each instrumented). */
    @Benchmark
    public File fileCreateTempFileAndDelete() throws IOException {
        File f = File.createTempFile("bench-", ".tmp");
        f.delete();
        return f;
    }

    /** The commonest intercepted call in a busy host: a delete of a path tempguard never tracked. */
    @Benchmark
    public boolean deleteIfExistsOfUntrackedPath() throws IOException {
        return Files.deleteIfExists(missing);
    }

    @Benchmark
    public boolean fileDeleteOfUntrackedPath() {
        return missingFile.delete();
    }
}
