package io.tempguard.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@link CaptureCostBenchmark} in one go three ways (no agent, agent without a rule, agent
 * with a rule matching the calls inside the root) and returns each benchmark's scores in that
 * order, in microseconds per call.
 */
public final class CaptureCost {
    /** Benchmark name to {without agent, with agent, with agent and a matching rule} (us/op). */
    public static Map<String, double[]> measure(Path agent, boolean quick) throws Exception {
        Path base = Files.createTempDirectory("tempguard-bench-capture-");
        Path root = Files.createDirectory(base.resolve("root"));
        Path outside = Files.createDirectory(base.resolve("outside"));
        String props = "-D" + CaptureCostBenchmark.ROOT + "=" + root + " -D" + CaptureCostBenchmark.OUTSIDE + "=" + outside;
        String agentArg = "-javaagent:" + agent + "=jmx=false,sweepOnStart=false,journal=false,roots=" + root;
        Map<String, double[]> scores = new LinkedHashMap<>();
        String[][] configs = {
                props.split(" "),
                (props + " " + agentArg).split(" "),
                (props + " " + agentArg + ",capture=bench-*").split(" ")};
        try {
            for (int i = 0; i < configs.length; i++) {
                for (RunResult r : run(configs[i], quick)) {
                    String name = r.getParams().getBenchmark();
                    name = name.substring(name.lastIndexOf('.') + 1);
                    scores.computeIfAbsent(name, k -> new double[3])[i] = r.getPrimaryResult().getScore();
                }
            }
        } finally {
            delete(base);
        }
        return scores;
    }

    private static java.util.Collection<RunResult> run(String[] jvmArgs, boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(CaptureCostBenchmark.class.getSimpleName())
                .forks(quick ? 1 : 3)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 8)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs)
                .build();
        return new Runner(options).run();
    }

    private static void delete(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private CaptureCost() {
    }
}
