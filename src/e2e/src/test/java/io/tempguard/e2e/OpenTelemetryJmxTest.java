package io.tempguard.e2e;

import io.tempguard.e2e.hosts.FleetHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Monitoring;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * agent/monitoring/otel-jmx.yaml in the real OpenTelemetry Java agent's JMX metric insight (its
 * agent from Maven Central beside tempguard's, the logging metrics exporter every second): the
 * tempguard metrics carry the host's values, units and instrument kinds; and the host's output
 * and its temp cleanup are what they are without the OTel agent.
 */
@Timeout(300)
class OpenTelemetryJmxTest {
    private static final int FILES = 7;
    private static final int DIRS = 2;
    /** One metric point as the logging exporter prints it (one line each). */
    private static final Pattern POINT = Pattern.compile("name=(tempguard\\.[\\w.]+), description=.*?, unit=([^,]+), "
            + "type=(\\w+), data=.*?value=(-?\\d+),(?:.*?monotonic=(true|false))?");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void theJmxMetricInsightReportsTempguardsMetricsWithTheHostsValues(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Map<String, String> last = new TreeMap<>();
        try (ChildJvm host = ChildJvm.builder(jdk, FleetHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .jvmArgs("-javaagent:" + Monitoring.agent(Monitoring.OTEL),
                        "-Dotel.jmx.config=" + Monitoring.config("otel-jmx.yaml"),
                        "-Dotel.metrics.exporter=logging", "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none",
                        "-Dotel.metric.export.interval=1000")
                .args(Integer.toString(FILES), Integer.toString(DIRS)).start()) {
            host.awaitLine("created " + FILES + " files and " + DIRS + " directories");

            // The metric insight registers the metrics of a bean one after another: wait for all of them.
            List<String> shipped = shippedMetrics();
            Await.until(Duration.ofSeconds(150), "an export of every metric of otel-jmx.yaml", () -> {
                last.clear();
                last.putAll(points(host.stderr()));
                return last.keySet().containsAll(shipped);
            }, () -> "last points: " + last + "\n" + host.describe());

            assertEquals("{file} LONG_SUM " + FILES + " false", last.get("tempguard.tracked.files"));

            assertEquals("{directory} LONG_SUM " + DIRS + " false", last.get("tempguard.tracked.directories"));
            // On JDK 25 the OTel agent makes (and deletes) one temp file of its own at start: tempguard
            // counts it as released. The totals add up, whoever made the paths.
            long tracked = value(last, "tempguard.paths.tracked");
            assertEquals(tracked, FILES + DIRS + value(last, "tempguard.paths.deleted")
                    + value(last, "tempguard.paths.released") + value(last, "tempguard.paths.skipped"), last.toString());
            assertEquals(true, tracked >= FILES + DIRS, last.toString());
            assertEquals("{path} LONG_SUM 0 true", last.get("tempguard.paths.deleted"));
            assertEquals("{path} LONG_SUM true", kind(last.get("tempguard.paths.tracked")) + " " + last.get("tempguard.paths.tracked").split(" ")[3]);
            assertEquals("By LONG_SUM", kind(last.get("tempguard.tracked.size")));
            assertEquals("s LONG_GAUGE", kind(last.get("tempguard.tracked.oldest.age")));

            host.send("go");
            host.awaitNormalExit();
            assertEquals("created " + FILES + " files and " + DIRS + " directories\ndone\n", host.stdout(),
                    "the host's stdout is its own with the OTel agent present\n" + host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "tempguard still deletes the host's temp paths at exit with the OTel agent present");
    }

    /** Metric name -> "unit type value monotonic" of its last exported point. */
    private static Map<String, String> points(String log) {
        Map<String, String> m = new TreeMap<>();
        for (String line : log.split("\n")) {
            Matcher p = POINT.matcher(line);
            if (p.find()) m.put(p.group(1), p.group(2) + " " + p.group(3) + " " + p.group(4) + (p.group(5) == null ? "" : " " + p.group(5)));
        }
        return m;
    }

    private static long value(Map<String, String> points, String metric) {
        return Long.parseLong(points.get(metric).split(" ")[2]);
    }

    private static String kind(String point) {
        if (point == null) return null;
        String[] parts = point.split(" ");
        return parts[0] + " " + parts[1];
    }

    /** The metric names otel-jmx.yaml declares: its prefix and each mapping's metric. */
    private static List<String> shippedMetrics() throws Exception {
        List<String> lines = Files.readAllLines(Monitoring.config("otel-jmx.yaml"));
        String prefix = null;
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher p = Pattern.compile("^\\s+prefix: (\\S+)$").matcher(line);
            if (p.find()) prefix = p.group(1);
            Matcher m = Pattern.compile("^\\s+metric: (\\S+)$").matcher(line);
            if (m.find()) names.add(prefix + m.group(1));
        }
        if (names.size() < 12) throw new AssertionError("otel-jmx.yaml declares only " + names);
        return names;
    }
}
