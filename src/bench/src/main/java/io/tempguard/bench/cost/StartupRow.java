package io.tempguard.bench.cost;

import io.tempguard.bench.Hello;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@code -javaagent} at defaults adds to a hello world's start: wall and CPU time of the
 * whole process (its exit included), median of alternating runs, bare JVM, agent, bare, agent, ...
 * CPU is the child's user + system time from the kernel ({@link BenchJvm#run}). Absolute figures:
 * the ratio is added wall / 60 ms.
 */
public final class StartupRow implements CostRow {
    private static final int RUNS = 21;

    @Override
    public String figure() {
        return "-javaagent at defaults added to a hello-world start, JDK " + Runtime.version().feature();
    }

    @Override
    public String target() {
        return "<= 60 ms wall, <= 100 ms CPU";
    }

    @Override
    public Measurement measure() throws Exception {
        List<String> agent = List.of("-javaagent:" + BenchJvm.agentJar());
        List<Long> bareWall = new ArrayList<>();
        List<Long> bareCpu = new ArrayList<>();
        List<Long> agentWall = new ArrayList<>();
        List<Long> agentCpu = new ArrayList<>();
        for (int i = 0; i < 2; i++) { // warm the page cache and the file system
            BenchJvm.run(List.of(), Hello.class.getName());
            BenchJvm.run(agent, Hello.class.getName());
        }
        for (int i = 0; i < RUNS; i++) {
            BenchJvm.Run bare = BenchJvm.run(List.of(), Hello.class.getName());
            BenchJvm.Run with = BenchJvm.run(agent, Hello.class.getName());
            bareWall.add(bare.wallNanos());
            bareCpu.add(bare.cpuNanos());
            agentWall.add(with.wallNanos());
            agentCpu.add(with.cpuNanos());
        }
        double wall = (median(agentWall) - median(bareWall)) / 1e6;
        double cpu = (median(agentCpu) - median(bareCpu)) / 1e6;
        return new Measurement(String.format(Locale.ROOT, "+%.0f ms wall, +%.0f ms CPU", wall, cpu),
                String.format(Locale.ROOT, "bare %.0f ms wall, %.0f ms CPU", median(bareWall) / 1e6, median(bareCpu) / 1e6),
                wall / 60, wall <= 60 && cpu <= 100,
                "median of " + RUNS + " alternating runs; CPU from the kernel's child times (10 ms ticks)");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
