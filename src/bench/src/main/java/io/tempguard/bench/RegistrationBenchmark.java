package io.tempguard.bench;

import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What tracking costs the thread that creates a temp file, in-process and without the agent:
 * a temp file's whole life (create, track, delete, untrack) with the manager's journal off and
 * on, against the bare JDK calls ({@code baseline}) measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegistrationBenchmark {
    /** off: no manager; memory: tracked, no journal; journal: tracked and journaled. */
    @Param({"off", "memory", "journal"})
    public String tracking;

    private Path root;
    private TempFileManager manager;
    /** What the agent would call: the manager's observer from the SPI. */
    private HostObserver observer;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("tempguard-bench-");
        if (!"off".equals(tracking)) {
            manager = TempFileManager.create(TempFileManagerConfig.builder().roots(root).jmx(false)
                    .shutdownCleanup(false).reconcileInterval(Duration.ZERO).sweepOnStart(false)
                    .journal("journal".equals(tracking)).journalDir(root.resolve(".journal")).build());
            observer = AgentSpi.observer(manager);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (manager != null) manager.close();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Path tempFileLifecycle() throws IOException {
        Path p = Files.createTempFile(root, "bench-", ".tmp");
        if (observer != null) observer.observeCreated(p);
        Files.delete(p);
        if (observer != null) observer.observeDeleted(p);
        return p;
    }
}
