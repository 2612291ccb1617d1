package io.tempguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of a hello-world JVM, without the agent and with it, interleaved run by run so both
 * see the same machine; reports medians and the difference. A repeatable harness, not a test: it
 * asserts nothing.
 */
public final class StartupHarness {

    /** Median milliseconds of {@code runs} starts, for each variant; index 0 is the baseline. */
    static long[] measure(String javaBin, String classpath, List<List<String>> variants, int runs)
            throws IOException, InterruptedException {
        List<List<Long>> samples = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) samples.add(new ArrayList<>());
        for (int warm = 0; warm < 2; warm++) {
            for (List<String> variant : variants) start(javaBin, classpath, variant);
        }
        for (int i = 0; i < runs; i++) {
            for (int v = 0; v < variants.size(); v++) samples.get(v).add(start(javaBin, classpath, variants.get(v)));
        }
        long[] medians = new long[variants.size()];
        for (int v = 0; v < variants.size(); v++) {
            List<Long> s = samples.get(v);
            Collections.sort(s);
            medians[v] = s.get(s.size() / 2);
        }
        return medians;
    }

    private static long start(String javaBin, String classpath, List<String> jvmArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBin);
        command.addAll(jvmArgs);
        command.addAll(Arrays.asList("-cp", classpath, Hello.class.getName()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("hello world did not finish: " + command);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    static void report(String jdk, String javaBin, String classpath, Path agentJar, int runs) throws Exception {
        List<List<String>> variants = Arrays.asList(
                Collections.<String>emptyList(),
                Collections.singletonList("-javaagent:" + agentJar),
                Collections.singletonList("-javaagent:" + agentJar + "=jmx=false,journal=false,sweepOnStart=false"));
        long[] m = measure(javaBin, classpath, variants, runs);
        System.out.printf(Locale.ROOT, "start-up %-8s baseline %4d ms | agent (defaults) %4d ms (+%d ms, x%.2f)"
                        + " | agent (jmx, journal, sweep off) %4d ms (+%d ms)%n",
                jdk, m[0], m[1], m[1] - m[0], (double) m[1] / m[0], m[2], m[2] - m[0]);
    }

    public static void main(String[] args) throws Exception {
        Path agent = Paths.get(args.length > 0 ? args[0] : "agent/target/tempguard-agent.jar").toAbsolutePath();
        String cp = System.getProperty("java.class.path");
        report("jdk" + Runtime.version().feature(), Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                cp, agent, 15);
    }

    private StartupHarness() {
    }
}
