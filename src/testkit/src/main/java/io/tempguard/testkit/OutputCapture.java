package io.tempguard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** One output stream of a child process, read to its end on a daemon thread, with line waits. */
final class OutputCapture {
    private final String name;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;
    private boolean closed;

    OutputCapture(InputStream in, String name) {
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

    /**
     * Waits for a line at index {@code from} or later matching {@code condition}, and returns its
     * index; fails with {@code state} when the stream ends or {@code max} passes without one.
     */
    synchronized int await(int from, Predicate<String> condition, String what, Duration max, Supplier<String> state) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            boolean ended = closed; // read first: a line that came before the end is then seen below
            List<String> lines = lines();
            for (int i = from; i < lines.size(); i++) if (condition.test(lines.get(i))) return i;
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError("waited in vain for " + what + " on " + name
                        + (ended ? " (the stream ended)" : " for " + max.toMillis() + " ms") + "\n" + state.get());
            }
            try {
                wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
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
