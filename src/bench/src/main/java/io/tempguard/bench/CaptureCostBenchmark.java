package io.tempguard.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Issue 11's cost targets: the creation calls capture watches, as a host makes them. {@link CaptureCost}
 * runs this class without the agent, with it (no capture rule: the calls inside the root are
 * uncaptured creations) and with a rule matching them, the agent's root being the directory in the
 * system property {@value #ROOT} and the "outside" directory the one in {@value #OUTSIDE}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CaptureCostBenchmark {
    public static final String ROOT = "tempguard.bench.root";
    public static final String OUTSIDE = "tempguard.bench.outside";

    private File existingOutside;
    private Path newInRoot;
    private File newDirInRoot;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = Paths.get(System.getProperty(ROOT));
        Path outside = Paths.get(System.getProperty(OUTSIDE));
        existingOutside = Files.write(outside.resolve("existing.bin"), new byte[16]).toFile();
        newInRoot = root.resolve("bench-new.bin");
        newDirInRoot = root.resolve("bench-dir").toFile();
    }

    /** The commonest case by far: a host writing a file of its own, outside every root (target <= 1.03x). */
    @Benchmark
    public FileOutputStream fileOutputStreamOfExistingFileOutsideTheRoots() throws IOException {
        FileOutputStream out = new FileOutputStream(existingOutside);
        out.close();
        return out;
    }

    /** A new file inside a root, opened with the default options (CREATE, TRUNCATE_EXISTING): may create (<= 1.10x). */
    @Benchmark
    public Path filesNewOutputStreamOfNewFileInsideARoot() throws IOException {
        Files.newOutputStream(newInRoot).close();
        Files.delete(newInRoot);
        return newInRoot;
    }

    /** A new directory inside a root with File.mkdirs, then deleted (<= 1.10x). */
    @Benchmark
    public boolean fileMkdirsOfNewDirectoryInsideARoot() {
        boolean made = newDirInRoot.mkdirs();
        newDirInRoot.delete();
        return made;
    }
}
