package io.tempguard.bench.cost;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code Files.createTempFile} + {@code delete} at 2 threads with the agent at defaults (journal
 * on) against the bare JVM: JMH forks in pairs, averaged over the forks.
 *
 * <p>The pairs alternate which goes first (bare, agent, agent, bare, ...). WHY: on ext4 without a
 * journal (this machine's {@code /tmp}) the inode allocator skips inodes freed in the last minute
 * or more ({@code recently_deleted} in {@code find_inode_bit}), so every fork that creates and
 * deletes files by the hundred thousand makes the next one slower: four bare forks in a row ran
 * 45, 49, 47 and 59 µs/op. With the bare fork always first, the agent paid for that.
 */
public final class HotPathRow implements CostRow {
    private static final int FORK_PAIRS = 4;

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
        List<Double> bare = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int i = 0; i < FORK_PAIRS; i++) { // alternate, so drift on a shared machine hits both alike
            if (i % 2 == 0) {
                bare.add(score(new String[0]));
                with.add(score(new String[] {agent}));
            } else {
                with.add(score(new String[] {agent}));
                bare.add(score(new String[0]));
            }
        }
        double b = mean(bare);
        double w = mean(with);
        double ratio = w / b;
        String tmp = System.getProperty("java.io.tmpdir");
        return new Measurement(String.format(Locale.ROOT, "%.2f us/op", w),
                String.format(Locale.ROOT, "%.2f us/op bare", b), ratio, ratio <= 1.05,
                "JMH, " + FORK_PAIRS + " fork pairs in alternating order, java.io.tmpdir=" + tmp + " ("
                        + Files.getFileStore(Paths.get(tmp)).type() + "); forks bare " + rounded(bare) + ", agent "
                        + rounded(with) + " us/op");
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.size();
    }

    private static List<String> rounded(List<Double> values) {
        List<String> out = new ArrayList<>();
        for (double v : values) out.add(String.format(Locale.ROOT, "%.1f", v));
        return out;
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
