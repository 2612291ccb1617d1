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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

            // Every rule of the shipped file (those added later included) yields its metric, typed as
            // the rule says, with HELP; counters end in _total, gauges do not.
            Map<String, String> rules = rules(Files.readAllLines(Monitoring.config("jmx-exporter.yaml")));
            assertTrue(rules.keySet().containsAll(List.of("tempguard_tracked_files", "tempguard_tracked_directories",
                    "tempguard_tracked_size_bytes", "tempguard_tracked_oldest_age_seconds", "tempguard_tracked_paths_total",
                    "tempguard_deleted_paths_total", "tempguard_cleanup_failures_total")), rules.toString());
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, String> rule : rules.entrySet()) {
                String name = rule.getKey();
                boolean counter = rule.getValue().equals("COUNTER");
                if (counter != name.endsWith("_total")) wrong.add(name + ": a " + rule.getValue() + " named so");
                if (!Pattern.compile("(?m)^" + name + " \\S+$").matcher(text).find()) wrong.add(name + " has no sample");
                // The exporter's text format names a counter's family with or without _total.
                String family = counter ? name.substring(0, name.length() - "_total".length()) : name;
                String type = counter ? "counter" : "gauge";
                if (!text.contains("\n# TYPE " + name + " " + type + "\n") && !text.contains("\n# TYPE " + family + " " + type + "\n")) {
                    wrong.add(name + " is not typed " + type);
                }
                if (!text.contains("\n# HELP " + name + " ") && !text.contains("\n# HELP " + family + " ")) wrong.add(name + " has no HELP");
            }
            assertEquals(List.of(), wrong, text);
            assertTrue(!text.contains("io_tempguard"), "no catch-all names: every attribute has its own rule\n" + text);

            host.send("go");
            host.awaitNormalExit();
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the host's temp paths are deleted at exit with the exporter present");
    }

    /** Metric name -> type (GAUGE, COUNTER) of each rule, in the file's order. */
    private static Map<String, String> rules(List<String> yaml) {
        Map<String, String> rules = new LinkedHashMap<>();
        String name = null;
        for (String line : yaml) {
            Matcher n = Pattern.compile("^\\s+name: (\\w+)$").matcher(line);
            if (n.find()) name = n.group(1);
            Matcher t = Pattern.compile("^\\s+type: (\\w+)$").matcher(line);
            if (t.find() && name != null) {
                rules.put(name, t.group(1));
                name = null;
            }
        }
        return rules;
    }

    /** The one sample of {@code name} (no labels), as a whole number. */
    static long value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        if (!m.find()) return Long.MIN_VALUE;
        double v = Double.parseDouble(m.group(1));
        return (long) v;
    }
}
