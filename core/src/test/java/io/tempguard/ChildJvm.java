package io.tempguard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real child JVM running a main class from the test class path, with its stdout readable line
 * by line (with timeouts), its stderr captured for diagnostics, and its stdin writable.
 */
final class ChildJvm implements AutoCloseable {
    private static final String EOF = new String("<eof>"); // identity-compared sentinel

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdoutPump = pump("stdout", process.getInputStream(), line -> stdout.add(line), () -> stdout.add(EOF));
        this.stderrPump = pump("stderr", process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { });
    }

    /**
     * Starts {@code mainClass} in a new JVM of the running JDK with the test class path.
     * {@code tmpdir} becomes its {@code java.io.tmpdir}, so whatever the library keeps there by
     * default stays inside the test's own directory.
     */
    static ChildJvm start(Path tmpdir, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xmx64m");
        command.add("-Djava.io.tmpdir=" + tmpdir);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    /** Reads stdout lines until one equals {@code marker}; returns the lines before it. */
    List<String> readUntil(String marker, Duration timeout) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) fail("child printed no '" + marker + "' within " + timeout + "; stdout so far " + lines
                    + "; stderr:\n" + stderr());
            if (line == EOF) fail("child ended its output before '" + marker + "'; stdout " + lines
                    + "; stderr:\n" + stderr());
            if (line.equals(marker)) return lines;
            lines.add(line);
        }
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the child to exit; false if it is still running after {@code timeout}. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            stdoutPump.join(5_000);
            stderrPump.join(5_000);
        }
        return exited;
    }

    int exitValue() {
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(String name, InputStream in, java.util.function.Consumer<String> onLine, Runnable onEof) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) onLine.accept(line);
            } catch (IOException ignored) {
                // the child went away
            } finally {
                onEof.run();
            }
        }, "child-jvm-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
