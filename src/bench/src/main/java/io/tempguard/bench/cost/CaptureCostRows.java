package io.tempguard.bench.cost;

import io.tempguard.bench.CaptureCost;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 11's three cost rows, measured in one JMH run of {@code CaptureCostBenchmark} without and
 * with the agent (no capture rule; the matching-rule figure goes in the note). The agent jar is
 * {@code agent/target/tempguard-agent.jar} under the working directory, or the system property
 * {@code tempguard.bench.agent}.
 */
final class CaptureCostRows {
    private static final String[][] ROWS = {
            {"fileOutputStreamOfExistingFileOutsideTheRoots", "new FileOutputStream(existing file outside the roots) + close, with vs without the agent", "<= 1.03x", "1.03"},
            {"filesNewOutputStreamOfNewFileInsideARoot", "Files.newOutputStream(new file inside a root) + close + delete, with vs without the agent", "<= 1.10x", "1.10"},
            {"fileMkdirsOfNewDirectoryInsideARoot", "File.mkdirs(new directory inside a root) + delete, with vs without the agent", "<= 1.10x", "1.10"}};

    private static Map<String, double[]> scores;

    static List<CostRow> all() {
        List<CostRow> rows = new ArrayList<>();
        for (String[] r : ROWS) rows.add(row(r[0], r[1], r[2], Double.parseDouble(r[3])));
        return rows;
    }

    private static synchronized Map<String, double[]> scores() throws Exception {
        if (scores == null) {
            Path agent = Paths.get(System.getProperty("tempguard.bench.agent", "agent/target/tempguard-agent.jar"));
            scores = CaptureCost.measure(agent.toAbsolutePath(), Boolean.getBoolean("tempguard.bench.quick"));
        }
        return scores;
    }

    private static CostRow row(String benchmark, String figure, String target, double limit) {
        return new CostRow() {
            @Override public String figure() { return figure; }
            @Override public String target() { return target; }
            @Override
            public Measurement measure() throws Exception {
                double[] s = scores().get(benchmark);
                double ratio = s[1] / s[0];
                return new Measurement(String.format(Locale.ROOT, "%.3f us", s[1]),
                        String.format(Locale.ROOT, "%.3f us", s[0]), ratio, ratio <= limit,
                        String.format(Locale.ROOT, "java.io.tmpdir, JDK %d; with a rule matching it: %.2fx",
                                Runtime.version().feature(), s[2] / s[0]));
            }
        };
    }

    private CaptureCostRows() {
    }
}
