package io.tempguard.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running one host program: its command line, its stdout and stderr captured in full
 * on background threads, line waits with deadlines, stdin lines, and an exit wait with a timeout.
 * Closing it always ends the process.
 */
public final class ChildJvm implements AutoCloseable {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    /** The agent jar built by the agent module. */
    public static Path agentJar() {
        Path jar = Paths.get(requiredProperty("tempguard.agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar " + jar + " is missing: build it first with "
                    + "mvn -B -o install -DskipTests -pl core,agent");
        }
        return jar;
    }

    /** The compiled host programs (this module's test classes, without anything of tempguard). */
    public static Path hostClasses() {
        return Paths.get(requiredProperty("tempguard.host.classes"));
    }

    /** One of the libraries a host bundles in its own version (byte-buddy, slf4j-api, logback-...). */
    public static Path hostLib(String fileName) {
        Path lib = Paths.get(requiredProperty("tempguard.host.libs")).resolve(fileName);
        if (!Files.isRegularFile(lib)) throw new IllegalStateException("host library " + lib + " is missing");
        return lib;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + name + " is not set (run the tests through Maven)");
        }
        return value;
    }

    public static Builder builder(Jdk jdk, Class<?> mainClass) {
        return new Builder(jdk, mainClass.getName());
    }

    /** How to start a child JVM. */
    public static final class Builder {
        private final Jdk jdk;
        private final String mainClass;
        private final List<Path> classpath = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private String agentOptions;
        private boolean agent;
        private Path tmpdir;
        private Path workDir;
        private RunAs user = RunAs.CURRENT_USER;

        private Builder(Jdk jdk, String mainClass) {
            this.jdk = jdk;
            this.mainClass = mainClass;
            classpath.add(hostClasses());
        }

        /** Loads the agent at start with its default settings. */
        public Builder agent() {
            return agent(null);
        }

        /** Loads the agent at start: {@code -javaagent:jar=options} ({@code null}: no options). */
        public Builder agent(String options) {
            this.agent = true;
            this.agentOptions = options;
            return this;
        }

        public Builder tmpdir(Path dir) {
            this.tmpdir = dir;
            return this;
        }

        /** Runs the child as {@code user} (see {@link RunAs}; the caller checks it is available). */
        public Builder runAs(RunAs user) {
            this.user = user;
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public Builder classpath(Path... entries) {
            classpath.addAll(Arrays.asList(entries));
            return this;
        }

        public Builder jvmArgs(String... more) {
            jvmArgs.addAll(Arrays.asList(more));
            return this;
        }

        public Builder args(String... more) {
            args.addAll(Arrays.asList(more));
            return this;
        }

        public List<String> command() {
            List<String> cmd = new ArrayList<>(user.commandPrefix());
            cmd.add(jdk.java().toString());
            if (agent) cmd.add("-javaagent:" + agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
            if (tmpdir != null) cmd.add("-Djava.io.tmpdir=" + tmpdir);
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            StringBuilder cp = new StringBuilder();
            for (Path p : classpath) {
                if (cp.length() > 0) cp.append(java.io.File.pathSeparatorChar);
                cp.append(p);
            }
            cmd.add(cp.toString());
            cmd.add(mainClass);
            cmd.addAll(args);
            return cmd;
        }

        public ChildJvm start() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command());
            // These would make any JVM print "Picked up ..." on stderr, and change what it runs.
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            if (workDir != null) pb.directory(workDir.toFile());
            return new ChildJvm(pb.command(), pb.start());
        }
    }

    private final List<String> command;
    private final Process process;
    private final Capture out;
    private final Capture err;

    private ChildJvm(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.out = new Capture(process.getInputStream(), "stdout of " + process.pid());
        this.err = new Capture(process.getErrorStream(), "stderr of " + process.pid());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the child wrote on stdout so far. */
    public String stdout() {
        return out.text();
    }

    /** Everything the child wrote on stderr so far. */
    public String stderr() {
        return err.text();
    }

    /** The complete lines the child wrote on stdout so far. */
    public List<String> stdoutLines() {
        return out.lines();
    }

    public List<String> stderrLines() {
        return err.lines();
    }

    /** Waits for a complete stdout line equal to {@code line}; fails with the child's output if it never comes. */
    public void awaitLine(String line) {
        awaitStdout(line::equals, "the line '" + line + "'");
    }

    /** Waits for a complete stdout line matching {@code condition}, and returns it. */
    public String awaitStdout(Predicate<String> condition, String what) {
        return await(out, condition, what);
    }

    /** Waits for a complete stderr line matching {@code condition}, and returns it. */
    public String awaitStderr(Predicate<String> condition, String what) {
        return await(err, condition, what);
    }

    private String await(Capture capture, Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
        while (true) {
            boolean ended = capture.isClosed(); // read first: a line that came before the end is then seen below
            String found = capture.find(condition);
            if (found != null) return found;
            if (ended || System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited in vain for " + what + " on " + capture.name
                        + (ended ? " (the stream ended)" : " for " + DEFAULT_WAIT.toSeconds() + " s") + "\n" + describe());
            }
            capture.awaitMore(Duration.ofMillis(200));
        }
    }

    /** Writes one line to the child's stdin. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the child's stdin\n" + describe(), e);
        }
    }

    /** Waits for the child to exit and for its output to be read to the end; returns the exit code. */
    public int awaitExit() {
        try {
            if (!process.waitFor(DEFAULT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the child did not exit within " + DEFAULT_WAIT.toSeconds() + " s\n" + describe());
            }
            out.join();
            err.join();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Kills the child with SIGKILL ({@link Process#destroyForcibly()}), so none of its shutdown hooks
     * runs; waits for it to be gone (which reaps it) and for its output to end. Returns the exit
     * code, 137 (128 + SIGKILL) when the signal did it.
     */
    public int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Waits for exit and asserts exit code 0. */
    public void awaitNormalExit() {
        int code = awaitExit();
        if (code != 0) throw new AssertionError("the child exited with " + code + ", expected 0\n" + describe());
    }

    /** The command line and everything captured, for failure messages. */
    public String describe() {
        return "command: " + String.join(" ", command) + "\n--- stdout ---\n" + out.text()
                + "--- stderr ---\n" + err.text() + "--- end ---";
    }

    /**
     * Ends the child if it still runs (a test failed half-way): SIGTERM first, so its shutdown hooks
     * clean up, then SIGKILL if it does not go within a few seconds.
     */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the child is gone
        }
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(20, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        out.join();
        err.join();
    }

    /** One output stream of the child, read to its end on a daemon thread. */
    private static final class Capture {
        private final String name;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;
        private boolean closed;

        Capture(InputStream in, String name) {
            this.name = name;
            this.reader = new Thread(() -> pump(in), "capture " + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void pump(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        bytes.write(buffer, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process was destroyed
            } finally {
                synchronized (this) {
                    closed = true;
                    notifyAll();
                }
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean isClosed() {
            return closed;
        }

        /** Complete lines only (a last line without its newline counts once the stream ended). */
        synchronized List<String> lines() {
            String text = text();
            List<String> lines = new ArrayList<>();
            int start = 0;
            int nl;
            while ((nl = text.indexOf('\n', start)) >= 0) {
                lines.add(stripCr(text.substring(start, nl)));
                start = nl + 1;
            }
            if (closed && start < text.length()) lines.add(stripCr(text.substring(start)));
            return lines;
        }

        private static String stripCr(String s) {
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        synchronized String find(Predicate<String> condition) {
            for (String line : lines()) if (condition.test(line)) return line;
            return null;
        }

        synchronized void awaitMore(Duration max) {
            if (closed) return;
            try {
                wait(max.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void join() {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
