package io.tempguard.console;

import io.tempguard.Durations;
import io.tempguard.Sizes;

import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every attribute of the MXBean, read in one JMX round trip: the {@code Stats} attribute (all
 * counters at one point in time) together with the configuration and journal attributes. A target
 * whose MBean has no {@code Stats} (an older tempguard) gets a second round trip for the single
 * counters instead. Shown by {@code stats} and {@code watch}.
 */
final class StatsSnapshot {
    static final String STATS = "Stats";
    /** The counters: single attributes, and (with a lower-case first letter) the items of {@code Stats}. */
    static final List<String> COUNTERS = List.of("TrackedFileCount", "TrackedDirectoryCount", "TrackedBytes",
            "CreatedTotal", "DeletedTotal", "ReleasedTotal", "CleanupFailureCount", "SkippedCount",
            "OldestTrackedAgeSeconds", "UnmanagedCreatedTotal", "AgentErrorCount");
    private static final List<String> OTHERS = List.of("Version", "Roots", "ShutdownCleanupEnabled", "JournalHealthy",
            "JournalErrorCount", "JournalStatus", "ExceededThresholds");

    final String version;
    final long trackedFileCount;
    final long trackedDirectoryCount;
    final long trackedBytes;
    final long createdTotal;
    final long deletedTotal;
    final long releasedTotal;
    final long cleanupFailureCount;
    final long skippedCount;
    final long oldestTrackedAgeSeconds;
    final long unmanagedCreatedTotal;
    final long agentErrorCount;
    final List<String> roots;
    final boolean shutdownCleanupEnabled;
    final boolean journalHealthy;
    final long journalErrorCount;
    final String journalStatus;
    /** The thresholds exceeded now; empty when all clear or when the target predates thresholds. */
    final List<String> exceededThresholds;

    private StatsSnapshot(Values v) throws ConsoleException {
        version = v.string("Version");
        trackedFileCount = v.number("TrackedFileCount");
        trackedDirectoryCount = v.number("TrackedDirectoryCount");
        trackedBytes = v.number("TrackedBytes");
        createdTotal = v.number("CreatedTotal");
        deletedTotal = v.number("DeletedTotal");
        releasedTotal = v.number("ReleasedTotal");
        cleanupFailureCount = v.number("CleanupFailureCount");
        skippedCount = v.number("SkippedCount");
        oldestTrackedAgeSeconds = v.number("OldestTrackedAgeSeconds");
        unmanagedCreatedTotal = v.number("UnmanagedCreatedTotal");
        agentErrorCount = v.number("AgentErrorCount");
        Object r = v.get("Roots");
        roots = r instanceof String[] ? new ArrayList<>(Arrays.asList((String[]) r)) : new ArrayList<>();
        shutdownCleanupEnabled = v.flag("ShutdownCleanupEnabled");
        journalHealthy = v.flag("JournalHealthy");
        journalErrorCount = v.number("JournalErrorCount");
        journalStatus = v.string("JournalStatus");
        Object exceeded = v.get("ExceededThresholds"); // absent in an older tempguard: nothing to show
        exceededThresholds = exceeded instanceof String[] ? List.of((String[]) exceeded) : List.of();
    }

    static StatsSnapshot read(Connection connection) throws JMException, IOException, ConsoleException {
        return read(connection.server(), connection.name());
    }

    static StatsSnapshot read(MBeanServerConnection server, ObjectName name)
            throws JMException, IOException, ConsoleException {
        List<String> names = new ArrayList<>(OTHERS);
        names.add(STATS);
        Values values = Values.read(server, name, names);
        Object stats = values.map.remove(STATS);
        if (stats instanceof CompositeData) {
            CompositeData items = (CompositeData) stats;
            for (String counter : COUNTERS) {
                String item = Character.toLowerCase(counter.charAt(0)) + counter.substring(1);
                if (items.containsKey(item)) values.map.put(counter, items.get(item));
            }
        } else {
            // No Stats (an older tempguard): the single counters, each its own point in time.
            values.map.putAll(Values.read(server, name, COUNTERS).map);
        }
        return new StatsSnapshot(values);
    }

    /** Attribute values by name; getAttributes leaves out what it could not read, so each is checked. */
    private static final class Values {
        final Map<String, Object> map = new HashMap<>();

        static Values read(MBeanServerConnection server, ObjectName name, List<String> names)
                throws JMException, IOException {
            Values v = new Values();
            for (Attribute a : server.getAttributes(name, names.toArray(new String[0])).asList()) {
                v.map.put(a.getName(), a.getValue());
            }
            return v;
        }

        Object get(String attribute) {
            return map.get(attribute);
        }

        long number(String attribute) throws ConsoleException {
            return ((Number) require(attribute, Number.class)).longValue();
        }

        boolean flag(String attribute) throws ConsoleException {
            return (Boolean) require(attribute, Boolean.class);
        }

        String string(String attribute) throws ConsoleException {
            return (String) require(attribute, String.class);
        }

        private Object require(String attribute, Class<?> type) throws ConsoleException {
            Object value = map.get(attribute);
            if (!type.isInstance(value)) {
                throw ConsoleException.failed("tempguard's MBean did not return its " + attribute + " attribute"
                        + (value == null ? "" : " as a " + type.getSimpleName() + " (got " + value.getClass().getName() + ")"));
            }
            return value;
        }
    }

    /** The aligned block {@code stats} prints (and {@code watch} redraws). */
    void print(PrintWriter out, String subject) {
        out.println("tempguard " + version + " in " + subject);
        row(out, "tracked files", Long.toString(trackedFileCount));
        row(out, "tracked directories", Long.toString(trackedDirectoryCount));
        row(out, "tracked bytes", Sizes.human(trackedBytes) + (trackedBytes >= 1024 ? " (" + trackedBytes + " B)" : ""));
        row(out, "oldest tracked", Durations.human(Duration.ofSeconds(oldestTrackedAgeSeconds)));
        row(out, "created total", Long.toString(createdTotal));
        row(out, "deleted total", Long.toString(deletedTotal));
        row(out, "released total", Long.toString(releasedTotal));
        row(out, "cleanup failures", Long.toString(cleanupFailureCount));
        row(out, "skipped", Long.toString(skippedCount));
        row(out, "unmanaged created", Long.toString(unmanagedCreatedTotal));
        row(out, "agent errors", Long.toString(agentErrorCount));
        row(out, "roots", TerminalText.escape(String.join(", ", roots)));
        row(out, "shutdown cleanup", shutdownCleanupEnabled ? "on" : "off");
        row(out, "journal", (journalHealthy ? "healthy" : "NOT healthy") + ", " + journalErrorCount
                + (journalErrorCount == 1 ? " error" : " errors"));
        row(out, "journal status", TerminalText.escape(journalStatus));
        row(out, "thresholds", exceededThresholds.isEmpty() ? "all clear"
                : "EXCEEDED: " + TerminalText.escape(String.join(", ", exceededThresholds)));
    }

    /** One line for {@code watch} when stdout is not a terminal. */
    String line(String timestamp) {
        return String.format(Locale.ROOT, "%s tracked=%d files, %d dirs, %s oldest=%s created=%d deleted=%d released=%d "
                        + "failures=%d skipped=%d unmanaged=%d agentErrors=%d journal=%s%s",
                timestamp, trackedFileCount, trackedDirectoryCount, Sizes.human(trackedBytes),
                Durations.human(Duration.ofSeconds(oldestTrackedAgeSeconds)), createdTotal, deletedTotal,
                releasedTotal, cleanupFailureCount, skippedCount, unmanagedCreatedTotal, agentErrorCount,
                journalHealthy ? "ok" : "NOT-OK",
                exceededThresholds.isEmpty() ? "" : " EXCEEDED=" + TerminalText.escape(String.join(",", exceededThresholds)));
    }

    /** The members of the {@code stats} JSON object (the caller opens and closes it). */
    void writeFields(Json json) {
        json.field("version", version)
                .field("trackedFileCount", trackedFileCount)
                .field("trackedDirectoryCount", trackedDirectoryCount)
                .field("trackedBytes", trackedBytes)
                .field("oldestTrackedAgeSeconds", oldestTrackedAgeSeconds)
                .field("createdTotal", createdTotal)
                .field("deletedTotal", deletedTotal)
                .field("releasedTotal", releasedTotal)
                .field("cleanupFailureCount", cleanupFailureCount)
                .field("skippedCount", skippedCount)
                .field("unmanagedCreatedTotal", unmanagedCreatedTotal)
                .field("agentErrorCount", agentErrorCount)
                .stringArray("roots", roots)
                .field("shutdownCleanupEnabled", shutdownCleanupEnabled)
                .field("journalHealthy", journalHealthy)
                .field("journalErrorCount", journalErrorCount)
                .field("journalStatus", journalStatus)
                .stringArray("exceededThresholds", exceededThresholds);
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "  %-20s %s%n", label, value);
    }
}
