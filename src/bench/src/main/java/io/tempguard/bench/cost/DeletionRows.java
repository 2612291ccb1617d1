package io.tempguard.bench.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The deletion rows of the cost table (issue 13). Each builds tempguard's tree and an identical one
 * for {@code rm -rf} in the same {@link BenchArea} (tmpfs when it can mount one), runs tempguard in a
 * fresh JVM, and alternates the two {@code tempguard.cost.runs} times (default 3); medians.
 */
final class DeletionRows {
    private static final int RUNS = Integer.getInteger("tempguard.cost.runs", 3);

    private DeletionRows() {
    }

    static List<CostRow> rows() {
        return List.of(
                new CleanupRow("cleanupAll() of 100,000 files in 100 tracked directories, fresh JVM, vs rm -rf",
                        "<= 1.0x", 1.0, 100, 1000),
                new CleanupRow("cleanupAll() of 100,000 individually tracked files in one directory vs rm -rf",
                        "<= 1.2x", 1.2, 0, 100_000),
                new ExitRow(1_000_000),
                new SweepRow(100_000));
    }

    /** {@code cleanupAll()} in a fresh JVM against {@code rm -rf} of the same tree. */
    static final class CleanupRow implements CostRow {
        private final String figure;
        private final String target;
        private final double limit;
        private final int dirs;
        private final int filesPerDir;

        CleanupRow(String figure, String target, double limit, int dirs, int filesPerDir) {
            this.figure = figure;
            this.target = target;
            this.limit = limit;
            this.dirs = dirs;
            this.filesPerDir = filesPerDir;
        }

        @Override public String figure() { return figure; }

        @Override public String target() { return target; }

        @Override
        public Measurement measure() throws Exception {
            List<BenchArea.Timing> tempguard = new ArrayList<>();
            List<BenchArea.Timing> rm = new ArrayList<>();
            String where;
            try (BenchArea area = BenchArea.open()) {
                where = area.where();
                for (int run = 0; run < RUNS; run++) {
                    Path root = area.fresh("tempguard");
                    Path tree = Files.createDirectory(root.resolve("tree"));
                    BenchArea.build(tree, dirs, filesPerDir);
                    Path twin = Files.createDirectory(area.fresh("rm").resolve("tree"));
                    BenchArea.build(twin, dirs, filesPerDir);
                    if (run % 2 == 0) {
                        tempguard.add(childMs(List.of("-cp", System.getProperty("java.class.path"),
                                CleanupChild.class.getName(), "cleanup", root.toString(), tree.toString()), dirs == 0 ? filesPerDir : dirs));
                        rm.add(BenchArea.rmRf(twin));
                    } else {
                        rm.add(BenchArea.rmRf(twin));
                        tempguard.add(childMs(List.of("-cp", System.getProperty("java.class.path"),
                                CleanupChild.class.getName(), "cleanup", root.toString(), tree.toString()), dirs == 0 ? filesPerDir : dirs));
                    }
                    if (BenchArea.countEntries(tree) != 0) throw new IllegalStateException("cleanupAll left entries in " + tree);
                }
            }
            return result(tempguard, rm, limit, where);
        }
    }

    /** A JVM with the agent exits holding {@code count} tracked files, at the default shutdownTimeout (10 s). */
    static final class ExitRow implements CostRow {
        private final int count;

        ExitRow(int count) {
            this.count = count;
        }

        @Override public String figure() {
            return String.format(Locale.ROOT, "a JVM exiting with %,d tracked files, default shutdownTimeout (10 s)", count);
        }

        @Override public String target() { return "all deleted within the timeout"; }

        @Override
        public Measurement measure() throws Exception {
            try (BenchArea area = BenchArea.open()) {
                Path tmp = area.fresh("exit-tmp");
                Path files = Files.createDirectory(tmp.resolve("files"));
                Process p = BenchArea.start(List.of("-Xmx4g", "-javaagent:" + BenchArea.agentJar(),
                        "-Djava.io.tmpdir=" + tmp, "-cp", area.classOnly(HoldFilesChild.class).toString(),
                        HoldFilesChild.class.getName(), files.toString(), Integer.toString(count), "exit"));
                List<String> after = new ArrayList<>();
                long readyAt = 0;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (readyAt == 0 && line.startsWith("ready ")) readyAt = System.nanoTime();
                        else if (readyAt != 0) after.add(line);
                    }
                }
                if (!p.waitFor(20, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the host did not exit");
                }
                if (readyAt == 0) throw new IllegalStateException("the host never became ready: " + after);
                double exitMs = (System.nanoTime() - readyAt) / 1e6;
                long left = BenchArea.countEntries(files);
                // What the machine allows: rm -rf of the same number of files, here, now.
                Path twin = Files.createDirectory(area.fresh("rm").resolve("files"));
                BenchArea.build(twin, 0, count);
                double rmMs = BenchArea.rmRf(twin).wallMs();
                return new Measurement(String.format(Locale.ROOT, "%,d left, exit %.2f s", left, exitMs / 1000),
                        "timeout 10 s", exitMs / 10_000, left == 0,
                        String.format(Locale.ROOT, "%s; rm -rf of the same %,d files took %.2f s here; host log after main: %s",
                                area.where(), count, rmMs / 1000, String.join(" / ", after)));
            }
        }
    }

    /** The orphan sweep of a SIGKILLed agent JVM's {@code count} tracked files, against {@code rm -rf}. */
    static final class SweepRow implements CostRow {
        private final int count;

        SweepRow(int count) {
            this.count = count;
        }

        @Override public String figure() {
            return String.format(Locale.ROOT, "sweep of a SIGKILLed JVM's %,d paths vs rm -rf", count);
        }

        @Override public String target() { return "<= 1.2x"; }

        @Override
        public Measurement measure() throws Exception {
            List<BenchArea.Timing> sweep = new ArrayList<>();
            List<BenchArea.Timing> rm = new ArrayList<>();
            String where;
            try (BenchArea area = BenchArea.open()) {
                where = area.where();
                for (int run = 0; run < RUNS; run++) {
                    Path tmp = area.fresh("sweep-tmp");
                    Path files = Files.createDirectory(tmp.resolve("files"));
                    killedHost(area, tmp, files);
                    Path twin = Files.createDirectory(area.fresh("rm").resolve("files"));
                    BenchArea.build(twin, 0, count);
                    List<String> sweepArgs = List.of("-cp", System.getProperty("java.class.path"),
                            CleanupChild.class.getName(), "sweep", tmp.resolve(".tempguard").toString());
                    if (run % 2 == 0) {
                        sweep.add(childMs(sweepArgs, count));
                        rm.add(BenchArea.rmRf(twin));
                    } else {
                        rm.add(BenchArea.rmRf(twin));
                        sweep.add(childMs(sweepArgs, count));
                    }
                    if (BenchArea.countEntries(files) != 0) throw new IllegalStateException("the sweep left entries in " + files);
                }
            }
            return result(sweep, rm, 1.2, where);
        }

        private void killedHost(BenchArea area, Path tmp, Path files) throws Exception {
            Process p = BenchArea.start(List.of("-javaagent:" + BenchArea.agentJar(), "-Djava.io.tmpdir=" + tmp,
                    "-cp", area.classOnly(HoldFilesChild.class).toString(), HoldFilesChild.class.getName(),
                    files.toString(), Integer.toString(count), "wait"));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ready ")) break;
                }
                p.destroyForcibly(); // SIGKILL: no shutdown hook runs
                p.waitFor(1, TimeUnit.MINUTES);
            }
            if (BenchArea.countEntries(files) != count) throw new IllegalStateException("the host did not create " + count + " files");
        }
    }

    /** Wall medians as the ratio; CPU medians beside them, the figure a loaded machine disturbs least. */
    static CostRow.Measurement result(List<BenchArea.Timing> tempguard, List<BenchArea.Timing> rm, double limit, String where) {
        double t = median(tempguard, false);
        double b = median(rm, false);
        double tc = median(tempguard, true);
        double bc = median(rm, true);
        return new CostRow.Measurement(ms(t), "rm -rf " + ms(b), t / b, t / b <= limit, String.format(Locale.ROOT,
                "%s; medians of %d alternating runs; CPU (user+sys, every thread) %.0f ms vs rm %.0f ms = %.2fx; wall "
                        + "tempguard %s, rm %s",
                where, RUNS, tc, bc, tc / bc, walls(tempguard), walls(rm)));
    }

    private static String walls(List<BenchArea.Timing> timings) {
        List<String> ms = new ArrayList<>();
        for (BenchArea.Timing t : timings) ms.add(String.format(Locale.ROOT, "%.0f", t.wallMs()));
        return ms + " ms";
    }

    static double median(List<BenchArea.Timing> values, boolean cpu) {
        List<Double> sorted = new ArrayList<>();
        for (BenchArea.Timing t : values) sorted.add(cpu ? t.cpuMs() : t.wallMs());
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Runs a {@link CleanupChild} and returns the wall and CPU milliseconds it reports, checking it deleted {@code expected} paths at least. */
    static BenchArea.Timing childMs(List<String> args, long expected) throws IOException, InterruptedException {
        Process p = BenchArea.start(args);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("child failed: " + output);
        for (String line : output.split("\n")) {
            if (line.startsWith("ms=")) {
                String[] parts = line.split(" ");
                long deleted = Long.parseLong(parts[1].substring("deleted=".length()));
                if (deleted < expected) throw new IllegalStateException("child deleted only " + deleted + ": " + output);
                return new BenchArea.Timing(Double.parseDouble(parts[0].substring(3)),
                        Double.parseDouble(parts[3].substring("cpu=".length())));
            }
        }
        throw new IllegalStateException("no result from child: " + output);
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
