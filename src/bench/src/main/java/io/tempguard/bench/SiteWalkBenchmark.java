package io.tempguard.bench;

import io.tempguard.SiteRecording;
import io.tempguard.internal.forensics.CreationSite;
import io.tempguard.internal.forensics.SiteRecorder;
import io.tempguard.internal.forensics.SiteTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What naming the creation site adds to one creation, without the file system's noise: the
 * recorder's call in each mode, ten skipped frames below the site as in the agent (bridge, JDK,
 * tempguard). Compare with the few tens of microseconds of a {@code createTempFile} + {@code delete}
 * ({@link SitesBenchmark}, {@link InterceptedCallsBenchmark}).
 * <pre>
 *   java -cp src/bench/target/tempguard-bench.jar org.openjdk.jmh.Main SiteWalkBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SiteWalkBenchmark {
    /** Frames of this class are excluded, standing for the JDK and tempguard frames of a real creation. */
    static final String SKIPPED = Frames.class.getName();

    @Param({"OFF", "SAMPLED", "ALL"})
    public SiteRecording.Mode mode;

    private SiteRecorder recorder;

    @Setup
    public void setUp() {
        List<String> excluded = new ArrayList<>(SiteRecording.DEFAULT_EXCLUDED_PREFIXES);
        excluded.add(SKIPPED);
        recorder = new SiteRecorder(SiteRecording.of(mode, SiteRecording.DEFAULT_SAMPLE_RATE, excluded), new SiteTable());
    }

    @Benchmark
    public CreationSite siteOfOneCreation() {
        return Frames.down(10, recorder);
    }

    /** Recursion standing for the skipped frames between the creating code and the recorder. */
    static final class Frames {
        static CreationSite down(int depth, SiteRecorder recorder) {
            return depth == 0 ? recorder.siteOfCurrentCreation() : down(depth - 1, recorder);
        }

        private Frames() {
        }
    }
}
