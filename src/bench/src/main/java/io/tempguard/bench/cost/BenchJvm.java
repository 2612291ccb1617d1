package io.tempguard.bench.cost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child JVMs for the cost rows: this JDK, this benchmark jar, and the CPU time they used. */
final class BenchJvm {
    private BenchJvm() {
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }

    /** The agent jar: {@code -Dtempguard.agent=...}, else the build's {@code agent/target/tempguard-agent.jar}. */
    static Path agentJar() {
        Path jar = Paths.get(System.getProperty("tempguard.agent", "agent/target/tempguard-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not found: " + jar + " (build it, or pass -Dtempguard.agent=<jar>)");
        }
        return jar;
    }

    /** One finished child: its output, wall time and CPU time (user + system, all its threads). */
    record Run(String output, long wallNanos, long cpuNanos) {
    }

    /**
     * Runs {@code java jvmArgs mainClass args} to its end. The CPU time is what the kernel adds to
     * this process's "children" times once the child is reaped ({@code /proc/self/stat} cutime +
     * cstime, in clock ticks of 10 ms): exact for the whole child, its exit included.
     */
    static Run run(List<String> jvmArgs, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        long cpu0 = childrenCpuNanos();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish: " + command);
        }
        long wall = System.nanoTime() - t0;
        long cpu = childrenCpuNanos() - cpu0;
        if (p.exitValue() != 0) throw new IllegalStateException("child JVM failed (" + p.exitValue() + "): " + out);
        return new Run(out, wall, cpu);
    }

    /** cutime + cstime of this process (reaped children), in nanoseconds; -1 where /proc is missing. */
    static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Paths.get("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "(comm) ": field 3 is f[0]; cutime is field 16, cstime field 17.
            long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The value of {@code key=value} on its own line of {@code output}. */
    static double value(String output, String key) {
        for (String line : output.split("\n")) {
            if (line.startsWith(key + "=")) return Double.parseDouble(line.substring(key.length() + 1).trim());
        }
        throw new IllegalStateException("child printed no " + key + ": " + output);
    }
}
