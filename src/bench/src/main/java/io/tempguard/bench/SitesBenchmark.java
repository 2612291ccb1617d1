package io.tempguard.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What creation sites cost the host: {@code Files.createTempFile} + {@code delete} on the bare JDK
 * and with the agent at {@code sites=off}, {@code sampled} (the default, 1 in 100) and {@code all},
 * each in its own JVM of the same run (rounds of the four, interleaved; the median of each), printed
 * as ratios to the bare JDK:
 * <pre>
 *   java -cp src/bench/target/tempguard-bench.jar io.tempguard.bench.SitesBenchmark [agent-jar] [--quick]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SitesBenchmark {

    /** The creation path: this frame is the site the agent records. */
    @Benchmark
    public Path createTempFileAndDelete() throws IOException {
        Path p = Files.createTempFile("bench-sites-", ".tmp");
        Files.delete(p);
        return p;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path agent = Paths.get("agent/target/tempguard-agent.jar");
        for (String a : args) {
            if ("--quick".equals(a)) quick = true;
            else agent = Paths.get(a);
        }
        agent = agent.toAbsolutePath();
        if (!Files.isRegularFile(agent)) throw new IllegalStateException("agent jar not found: " + agent);
        Map<String, String[]> variants = new LinkedHashMap<>();
        variants.put("bare JDK", new String[0]);
        for (String mode : new String[] {"off", "sampled", "all"}) {
            variants.put("sites=" + mode, new String[] {"-javaagent:" + agent + "=jmx=false,sweepOnStart=false,sites=" + mode});
        }
        // Rounds of one fork per variant, interleaved, and the median per variant: on a loaded
        // machine the load drifts during a run, and interleaving spreads the drift over all variants.
        int rounds = quick ? 1 : 3;
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, String[]> v : variants.entrySet()) {
                scores.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(score(v.getValue(), quick));
            }
        }
        double bare = median(scores.get("bare JDK"));
        for (Map.Entry<String, List<Double>> s : scores.entrySet()) {
            double m = median(s.getValue());
            System.out.printf(Locale.ROOT, "sites: %-12s Files.createTempFile+delete median %.2f us (x%.3f) of %s%n",
                    s.getKey(), m, m / bare, s.getValue());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double score(String[] jvmArgs, boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(SitesBenchmark.class.getName() + ".createTempFileAndDelete")
                .forks(1)
                .warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 6)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs)
                .build();
        RunResult r = new Runner(options).runSingle();
        return r.getPrimaryResult().getScore();
    }
}
