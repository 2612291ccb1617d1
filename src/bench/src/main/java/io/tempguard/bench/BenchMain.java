package io.tempguard.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every measurement and prints each against its baseline from the same run:
 * <pre>
 *   java -jar src/bench/target/tempguard-bench.jar [agent-jar] [--quick]
 * </pre>
 * Start-up on this JDK and, where installed, the Temurin 25 JDK; JMH benchmarks of registration
 * (journal off/on) and of the intercepted JDK calls without and with {@code -javaagent}.
 */
public final class BenchMain {
    private static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path agent = Paths.get("agent/target/tempguard-agent.jar");
        for (String a : args) {
            if ("--quick".equals(a)) quick = true;
            else agent = Paths.get(a);
        }
        agent = agent.toAbsolutePath();
        if (!Files.isRegularFile(agent)) throw new IllegalStateException("agent jar not found: " + agent);
        String cp = System.getProperty("java.class.path");
        int startRuns = quick ? 5 : 15;

        StartupHarness.report("jdk" + Runtime.version().feature(),
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), cp, agent, startRuns);
        if (Files.isExecutable(JDK25)) StartupHarness.report("jdk25", JDK25.toString(), cp, agent, startRuns);

        Map<String, Double> registration = scores(run(RegistrationBenchmark.class.getSimpleName(), quick, new String[0]),
                "tracking");
        double base = registration.get("off");
        System.out.printf(Locale.ROOT, "registration: bare JDK create+delete %.2f us | tracked, no journal %.2f us "
                        + "(x%.2f) | tracked + journal %.2f us (x%.2f)%n", base, registration.get("memory"),
                registration.get("memory") / base, registration.get("journal"), registration.get("journal") / base);

        Map<String, Double> without = scores(run(InterceptedCallsBenchmark.class.getSimpleName(), quick, new String[0]), null);
        Map<String, Double> with = scores(run(InterceptedCallsBenchmark.class.getSimpleName(), quick,
                new String[] {"-javaagent:" + agent + "=jmx=false,sweepOnStart=false"}), null);
        for (Map.Entry<String, Double> e : without.entrySet()) {
            double w = with.get(e.getKey());
            System.out.printf(Locale.ROOT, "agent: %-32s without %.3f us | with %.3f us (x%.2f)%n",
                    e.getKey(), e.getValue(), w, w / e.getValue());
        }

        for (Map.Entry<String, double[]> e : CaptureCost.measure(agent, quick).entrySet()) {
            double[] s = e.getValue();
            System.out.printf(Locale.ROOT, "capture: %-46s without %.3f us | with %.3f us (x%.2f) | with a matching "
                    + "rule %.3f us (x%.2f)%n", e.getKey(), s[0], s[1], s[1] / s[0], s[2], s[2] / s[0]);
        }
    }

    private static Collection<RunResult> run(String benchmark, boolean quick, String[] jvmArgs) throws Exception {
        Options options = new OptionsBuilder()
                .include(benchmark)
                .forks(quick ? 1 : 3) // file-system-bound calls vary from JVM to JVM: average over forks
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 8)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs)
                .build();
        return new Runner(options).run();
    }

    /** Score per benchmark method, or per value of {@code param} when given. */
    private static Map<String, Double> scores(Collection<RunResult> results, String param) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String key = param != null ? r.getParams().getParam(param)
                    : r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            scores.put(key, r.getPrimaryResult().getScore());
        }
        return scores;
    }

    private BenchMain() {
    }
}
