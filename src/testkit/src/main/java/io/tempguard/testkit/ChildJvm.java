package io.tempguard.testkit;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running one program: its command line, its stdout and stderr captured in full on
 * background threads, line waits with deadlines (anywhere in the output, or the next one after a
 * cursor), stdin lines, and an exit wait with a timeout. Closing it always ends the process.
 */
public final class ChildJvm implements AutoCloseable {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    private static Path agentCopy;

    /**
     * The real agent jar (system property {@code tempguard.agent.jar}, set by surefire), copied once
     * per test JVM: a concurrent build of the agent module rewrites that file in place, and a JVM
     * whose agent jar changes under it fails to load the agent's classes later on. The copy sits in
     * a world-readable directory, so a child running as another user can load it too.
     */
    public static synchronized Path agentJar() {
        if (agentCopy != null) return agentCopy;
        Path jar = Paths.get(requiredProperty("tempguard.agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar " + jar + " is missing: build it first with "
                    + "mvn -B -o package -DskipTests -pl core,agent");
        }
        try {
            Path dir = Files.createTempDirectory("tempguard-test-agent-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            dir.toFile().deleteOnExit(); // deleteOnExit runs in reverse order: the jar first, then its directory
            Path copy = dir.resolve("tempguard-agent.jar");
            Files.copy(jar, copy, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            copy.toFile().deleteOnExit();
            agentCopy = copy;
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the agent jar " + jar, e);
        }
    }

    /** The compiled host programs (system property {@code tempguard.host.classes}: a module's test classes). */
    public static Path hostClasses() {
        return Paths.get(requiredProperty("tempguard.host.classes"));
    }

    /** One of the libraries a host bundles in its own version (system property {@code tempguard.host.libs}). */
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

    /**
     * A child of {@code jdk} running {@code mainClass}. Its class path starts with
     * {@link #hostClasses()} where that property is set (the host programs, with nothing of
     * tempguard), else with this test JVM's own class path.
     */
    public static Builder builder(Jdk jdk, Class<?> mainClass) {
        return new Builder(jdk.java(), mainClass.getName());
    }

    /** A child of the JDK running the tests (see {@link #builder(Jdk, Class)} for its class path). */
    public static Builder builder(Class<?> mainClass) {
        return new Builder(Jdk.runningJava(), mainClass.getName());
    }

    /** A child of {@code jdk} running an executable jar: {@code java -jar jar args} (no class path of its own). */
    public static Builder builderForJar(Jdk jdk, Path jar) {
        Builder b = new Builder(jdk.java(), null);
        b.jar = jar;
        b.classpath.clear();
        return b;
    }

    /** How to start a child JVM. */
    public static final class Builder {
        private final Path java;
        private final String mainClass;
        private Path jar;
        private final List<String> classpath = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private String agentOptions;
        private boolean agent;
        private Path tmpdir;
        private Path workDir;
        private RunAs user = RunAs.CURRENT_USER;

        private Builder(Path java, String mainClass) {
            this.java = java;
            this.mainClass = mainClass;
            String hostClasses = System.getProperty("tempguard.host.classes");
            classpath.add(hostClasses != null && !hostClasses.isEmpty() ? hostClasses
                    : System.getProperty("java.class.path"));
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

        /** The child's {@code java.io.tmpdir}: for {@link RunAs#UNPRIVILEGED}, one that user owns ({@link RunAs#ownedTempDir}). */
        public Builder tmpdir(Path dir) {
            this.tmpdir = dir;
            return this;
        }

        /** Runs the child as {@code user} (the caller checks {@link RunAs#assumeAvailable()}). */
        public Builder runAs(RunAs user) {
            this.user = user;
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Replaces the class path, the default included (e.g. with copies another user can read). */
        public Builder onlyClasspath(List<Path> entries) {
            classpath.clear();
            for (Path p : entries) classpath.add(p.toString());
            return this;
        }

        /** Adds entries after the default class path. */
        public Builder classpath(Path... entries) {
            for (Path p : entries) classpath.add(p.toString());
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
            cmd.add(java.toString());
            if (agent) cmd.add("-javaagent:" + agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
            if (tmpdir != null) cmd.add("-Djava.io.tmpdir=" + tmpdir);
            cmd.addAll(jvmArgs);
            if (jar != null) {
                cmd.add("-jar");
                cmd.add(jar.toString());
            } else {
                cmd.add("-cp");
                cmd.add(String.join(File.pathSeparator, classpath));
                cmd.add(mainClass);
            }
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
    private final OutputCapture out;
    private final OutputCapture err;
    /** How many stdout lines {@link #awaitNextStdout} and {@link #readUntil} have gone past. */
    private int cursor;

    private ChildJvm(List<String> command, Process process) {
        this.command = List.copyOf(command);
        this.process = process;
        this.out = new OutputCapture(process.getInputStream(), "stdout of " + process.pid());
        this.err = new OutputCapture(process.getErrorStream(), "stderr of " + process.pid());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public List<String> command() {
        return command;
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

    /** Waits for a complete stdout line equal to {@code line}, anywhere; fails with the child's output if it never comes. */
    public void awaitLine(String line) {
        awaitStdout(line::equals, "the line '" + line + "'");
    }

    /** Waits for a complete stdout line matching {@code condition}, anywhere in the output, and returns it. */
    public String awaitStdout(Predicate<String> condition, String what) {
        int index = out.await(0, condition, what, DEFAULT_WAIT, this::describe);
        return out.lines().get(index);
    }

    /** Waits for a complete stderr line matching {@code condition}, and returns it. */
    public String awaitStderr(Predicate<String> condition, String what) {
        int index = err.await(0, condition, what, DEFAULT_WAIT, this::describe);
        return err.lines().get(index);
    }

    /**
     * Waits for the next stdout line after the cursor matching {@code condition}, moves the cursor
     * past it and returns it: for a conversation (send a command, read its answer).
     */
    public synchronized String awaitNextStdout(Predicate<String> condition, String what) {
        int index = out.await(cursor, condition, what, DEFAULT_WAIT, this::describe);
        cursor = index + 1;
        return out.lines().get(index);
    }

    /** The stdout lines from the cursor up to the next line equal to {@code marker} (moving the cursor past it). */
    public List<String> readUntil(String marker) {
        return readUntil(marker, DEFAULT_WAIT);
    }

    public synchronized List<String> readUntil(String marker, Duration max) {
        int from = cursor;
        int index = out.await(cursor, marker::equals, "the line '" + marker + "'", max, this::describe);
        cursor = index + 1;
        return out.lines().subList(from, index);
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
        return awaitExit(DEFAULT_WAIT);
    }

    /** As {@link #awaitExit()}, failing (with the child's output) when it has not exited within {@code max}. */
    public int awaitExit(Duration max) {
        try {
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the child did not exit within " + max.toMillis() + " ms\n" + describe());
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
     * runs; waits for it to be gone (which reaps it, so its pid is really free) and for its output to
     * end. Returns the exit code, 137 (128 + SIGKILL) when the signal did it.
     */
    public int kill() {
        process.destroyForcibly();
        int code = awaitExit();
        removeAttachSocket();
        return code;
    }

    /**
     * A JVM killed with SIGKILL leaves its attach socket {@code /tmp/.java_pid<pid>} behind. When
     * the kernel hands the pid to a later child run by another user (the suite runs children as
     * root and as uid 65534), that child's attach fails: "well-known file is not secure". The
     * socket of a dead process is nobody's, so it goes.
     */
    private void removeAttachSocket() {
        try {
            java.nio.file.Files.deleteIfExists(java.nio.file.Paths.get("/tmp/.java_pid" + process.pid()));
        } catch (IOException | SecurityException ignored) {
            // not ours to delete (another user's /tmp entry): the pid's next owner is warned by the JDK
        }
    }

    /** Waits for exit and asserts exit code 0. */
    public void awaitNormalExit() {
        int code = awaitExit();
        if (code != 0) throw new AssertionError("the child exited with " + code + ", expected 0\n" + describe());
    }

    /** The command line and everything captured, for failure messages. */
    public String describe() {
        return "command: " + String.join(" ", command) + "\nalive: " + process.isAlive() + "\n--- stdout ---\n"
                + out.text() + "--- stderr ---\n" + err.text() + "--- end ---";
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
                    if (process.waitFor(20, TimeUnit.SECONDS)) removeAttachSocket();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        out.join();
        err.join();
    }
}
