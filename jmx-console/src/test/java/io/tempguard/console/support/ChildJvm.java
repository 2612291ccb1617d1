package io.tempguard.console.support;

import io.tempguard.console.hosts.TempHost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link TempHost} with only the test classes on its class path: stdout and
 * stderr captured on background threads, commands sent on stdin, waits with deadlines. Closing it
 * always kills the process.
 */
public final class ChildJvm implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(60);
    private static Path agentCopy;

    /**
     * The real agent jar ({@code ../agent/target/tempguard-agent.jar}, passed by surefire), copied
     * once per test run: a concurrent build of the agent module rewrites that file in place, and a
     * JVM whose agent jar changes under it fails to load the agent's classes later on.
     */
    public static synchronized Path agentJar() {
        if (agentCopy != null) return agentCopy;
        Path jar = Paths.get(requiredProperty("tempguard.agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar " + jar + " is missing: build it first with "
                    + "mvn -B -o install -DskipTests -pl core,agent");
        }
        try {
            Path dir = Files.createTempDirectory("tempguard-console-test-agent-");
            dir.toFile().deleteOnExit(); // deleteOnExit runs in reverse order: the jar first, then its directory
            agentCopy = dir.resolve("tempguard-agent.jar");
            Files.copy(jar, agentCopy, StandardCopyOption.COPY_ATTRIBUTES);
            agentCopy.toFile().deleteOnExit();
            return agentCopy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This module's compiled test classes: the host programs. */
    public static Path hostClasses() {
        return Paths.get(requiredProperty("tempguard.host.classes"));
    }

    public static Path javaBin() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + name + " is not set (run the tests through Maven)");
        }
        return value;
    }

    public static Builder builder(Path tmpdir) {
        return new Builder(tmpdir);
    }

    /** How to start a child. */
    public static final class Builder {
        private final Path tmpdir;
        private final List<String> jvmArgs = new ArrayList<>();
        private String agentOptions;
        private boolean agent;

        private Builder(Path tmpdir) {
            this.tmpdir = tmpdir;
        }

        /** Loads the agent at start; {@code options} as after {@code -javaagent:jar=} (null: none). */
        public Builder agent(String options) {
            this.agent = true;
            this.agentOptions = options;
            return this;
        }

        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(Arrays.asList(args));
            return this;
        }

        public ChildJvm start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaBin().toString());
            if (agent) cmd.add("-javaagent:" + agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
            cmd.add("-Djava.io.tmpdir=" + tmpdir);
            // Small and quick: at most two of these run at once on a two-core machine.
            cmd.addAll(Arrays.asList("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            // JDK 21+ warns on the host's stderr when an agent is loaded at run time unless allowed up front.
            if (Runtime.version().feature() >= 21) cmd.add("-XX:+EnableDynamicAgentLoading");
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(hostClasses().toString());
            cmd.add(TempHost.class.getName());
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            ChildJvm child = new ChildJvm(cmd, pb.start());
            try {
                child.awaitLine("READY ");
            } catch (RuntimeException | Error e) {
                child.close();
                throw e;
            }
            return child;
        }
    }

    private final List<String> command;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Writer stdin;
    private int consumed;

    private ChildJvm(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        capture(process.getInputStream(), out, "stdout");
        capture(process.getErrorStream(), err, "stderr");
    }

    private void capture(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-" + name);
        t.setDaemon(true);
        t.start();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Waits for the next stdout line starting with {@code prefix}, skipping earlier ones. */
    public synchronized String awaitLine(String prefix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            while (consumed < out.size()) {
                String line = out.get(consumed++);
                if (line.startsWith(prefix)) return line;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || (!process.isAlive() && consumed >= out.size())) {
                throw new AssertionError("no line starting with '" + prefix + "' from the child\n" + describe());
            }
            try {
                wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Sends a {@link TempHost} command and returns the paths it printed ("FILE path", "DIR path"), in order. */
    public List<Path> send(String hostCommand) {
        int from;
        synchronized (this) {
            from = consumed;
        }
        try {
            stdin.write(hostCommand + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to the child\n" + describe(), e);
        }
        awaitLine("DONE");
        List<Path> paths = new ArrayList<>();
        synchronized (this) {
            for (String line : out.subList(from, consumed)) {
                if (line.startsWith("FILE ") || line.startsWith("DIR ")) {
                    paths.add(Paths.get(line.substring(line.indexOf(' ') + 1)));
                }
            }
        }
        return paths;
    }

    /** Waits for a stderr line containing {@code text}. */
    public synchronized String awaitStderr(String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (String line : err) if (line.contains(text)) return line;
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no stderr line containing '" + text + "'\n" + describe());
            try {
                wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public synchronized List<String> stderrLines() {
        return new ArrayList<>(err);
    }

    public synchronized String describe() {
        return "command: " + String.join(" ", command) + "\nalive: " + process.isAlive() + "\nstdout:\n  "
                + String.join("\n  ", out) + "\nstderr:\n  " + String.join("\n  ", err);
    }

    /** SIGKILL, and waits until the process is reaped (so its pid is really gone). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the child did not die\n" + describe());
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
