package io.tempguard.bench.cost;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Locale;

/**
 * {@code Files.createTempFile} + {@code delete} at 2 threads with the agent at defaults (journal
 * on) against the bare JVM: JMH forks alternating bare / agent, averaged over the forks.
 */
public final class HotPathRow implements CostRow {
    private static final int FORK_PAIRS = 3;

    @Override
    public String figure() {
        return "agent hot path at 2 threads (Files.createTempFile + delete, journal on) vs bare";
    }

    @Override
    public String target() {
        return "<= 1.05x";
    }

    @Override
    public Measurement measure() throws Exception {
        String agent = "-javaagent:" + BenchJvm.agentJar();
        double bare = 0;
        double with = 0;
        for (int i = 0; i < FORK_PAIRS; i++) { // alternate, so drift on a shared machine hits both alike
            bare += score(new String[0]);
            with += score(new String[] {agent});
        }
        bare /= FORK_PAIRS;
        with /= FORK_PAIRS;
        double ratio = with / bare;
        return new Measurement(String.format(Locale.ROOT, "%.2f us/op", with),
                String.format(Locale.ROOT, "%.2f us/op bare", bare), ratio, ratio <= 1.05,
                "JMH, " + FORK_PAIRS + " fork pairs, java.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    }

    private static double score(String[] jvmArgs) throws Exception {
        Options options = new OptionsBuilder()
                .include(HotPathBenchmark.class.getName() + ".")
                .forks(1)
                .warmupIterations(4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(6)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        return results.iterator().next().getPrimaryResult().getScore();
    }
}
