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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * agent/monitoring/jmx-exporter.yaml in the real Prometheus JMX exporter (its Java agent from Maven
 * Central beside tempguard's), scraped over HTTP on loopback: the host's numbers under
 * {@code tempguard_} names, gauges typed gauge, totals typed counter, each with its HELP.
 */
@Timeout(180)
class PrometheusJmxExporterTest {
    private static final int FILES = 7;
    private static final int DIRS = 2;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void theExporterServesTempguardsMetricsTypedAndNamedByTheShippedRules(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        int port = Monitoring.freePort();
        String url = "http://127.0.0.1:" + port + "/metrics";
        try (ChildJvm host = ChildJvm.builder(jdk, FleetHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .jvmArgs("-javaagent:" + Monitoring.agent(Monitoring.JMX_EXPORTER) + "=127.0.0.1:" + port + ":"
                        + Monitoring.config("jmx-exporter.yaml"))
                .args(Integer.toString(FILES), Integer.toString(DIRS)).start()) {
            host.awaitLine("created " + FILES + " files and " + DIRS + " directories");

            String[] scrape = new String[1];
            Await.until(Duration.ofSeconds(60), "a scrape that shows tempguard_tracked_files " + FILES, () -> {
                scrape[0] = Monitoring.getOrNull(url);
                return scrape[0] != null && value(scrape[0], "tempguard_tracked_files") == FILES;
            }, () -> "last scrape:\n" + scrape[0] + "\n" + host.describe());
            String text = scrape[0];

            assertEquals(DIRS, value(text, "tempguard_tracked_directories"), text);
            assertEquals(FILES + DIRS, value(text, "tempguard_tracked_paths_total"), text);
            assertEquals(0, value(text, "tempguard_deleted_paths_total"), text);
            assertEquals(1, value(text, "tempguard_journal_healthy"), text);

            List<String> wrong = new ArrayList<>();
            for (String gauge : List.of("tempguard_tracked_files", "tempguard_tracked_directories", "tempguard_tracked_size_bytes",
                    "tempguard_tracked_oldest_age_seconds", "tempguard_journal_healthy")) {
                if (!text.contains("\n# TYPE " + gauge + " gauge\n")) wrong.add(gauge + " is not typed gauge");
                if (!text.contains("\n# HELP " + gauge + " ")) wrong.add(gauge + " has no HELP");
            }
            for (String counter : List.of("tempguard_tracked_paths_total", "tempguard_deleted_paths_total", "tempguard_released_paths_total",
                    "tempguard_cleanup_failures_total", "tempguard_skipped_paths_total", "tempguard_unmanaged_paths_total",
                    "tempguard_agent_errors_total", "tempguard_journal_errors_total")) {
                String family = counter.substring(0, counter.length() - "_total".length());
                // The exporter's text format names the counter family with or without _total.
                if (!text.contains("\n# TYPE " + counter + " counter\n") && !text.contains("\n# TYPE " + family + " counter\n")) {
                    wrong.add(counter + " is not typed counter");
                }
                if (!Pattern.compile("(?m)^" + counter + " \\S+$").matcher(text).find()) wrong.add(counter + " has no sample");
            }
            // Every rule of the shipped file yields its metric (a rule whose pattern matches nothing would not).
            for (String line : Files.readAllLines(Monitoring.config("jmx-exporter.yaml"))) {
                Matcher name = Pattern.compile("^\\s+name: (tempguard_\\w+)$").matcher(line);
                if (name.find() && !Pattern.compile("(?m)^" + name.group(1) + " \\S+$").matcher(text).find()) {
                    wrong.add("the rule for " + name.group(1) + " yields no sample");
                }
            }
            assertEquals(List.of(), wrong, text);
            assertTrue(!text.contains("io_tempguard"), "no catch-all names: every attribute has its own rule\n" + text);

            host.send("go");
            host.awaitNormalExit();
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the host's temp paths are deleted at exit with the exporter present");
    }

    /** The one sample of {@code name} (no labels), as a whole number. */
    static long value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        if (!m.find()) return Long.MIN_VALUE;
        double v = Double.parseDouble(m.group(1));
        return (long) v;
    }
}
