package io.tempguard.console;

import io.tempguard.Sizes;
import io.tempguard.TempFileManagerMXBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code jvms}: the local JVMs, like {@code jps -l}, each marked with whether tempguard is loaded
 * (read from its system properties through the Attach API) and, where it is, its tracked count and
 * bytes. A management agent is started only in JVMs that run tempguard.
 */
@Command(name = "jvms", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"List local JVMs (pid and main class or jar, like jps -l), marking those running tempguard "
                + "with their tracked count and bytes.",
                "A JVM that cannot be attached to (another user's, still starting, attach disabled) is shown as such."})
final class Jvms extends BaseCommand {
    /** Upper bound on the whole listing: a JVM that does not answer must not hang it. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    JsonOption json;

    /** One listed JVM. */
    static final class Row {
        final long pid;
        final String name;
        boolean attachable;
        /** null: unknown (not attachable). */
        Boolean tempguard;
        String agentVersion;
        String mbean;
        Long trackedCount;
        Long trackedBytes;
        String problem;

        Row(long pid, String name) {
            this.pid = pid;
            this.name = name;
        }
    }

    @Override
    protected ExitCode execute() throws ConsoleException, InterruptedException {
        AttachCheck.require();
        List<AttachApi.Listed> jvms = AttachApi.list();
        List<Row> rows = inspectAll(jvms);
        if (json.enabled()) {
            Json doc = new Json().beginObject().name("jvms").beginArray();
            for (Row r : rows) {
                doc.beginObject()
                        .field("pid", r.pid)
                        .field("name", r.name)
                        .field("attachable", r.attachable)
                        .name("tempguard");
                if (r.tempguard == null) doc.nullValue();
                else doc.value(r.tempguard.booleanValue());
                doc.field("agentVersion", r.agentVersion)
                        .field("mbean", r.mbean)
                        .field("trackedCount", r.trackedCount)
                        .field("trackedBytes", r.trackedBytes)
                        .field("problem", r.problem)
                        .endObject();
            }
            JsonOption.print(out(), doc.endArray().endObject());
        } else {
            print(out(), rows);
        }
        return ExitCode.OK;
    }

    /** Attaches to a few JVMs at a time; whatever has not answered by the deadline is shown as not answering. */
    private static List<Row> inspectAll(List<AttachApi.Listed> jvms) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        if (jvms.isEmpty()) return rows;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, jvms.size()), r -> {
            Thread t = new Thread(r, "tempguard-console-jvms");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (AttachApi.Listed jvm : jvms) futures.add(pool.submit(() -> inspect(jvm)));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (int i = 0; i < jvms.size(); i++) {
                AttachApi.Listed jvm = jvms.get(i);
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    rows.add(futures.get(i).get(left, TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    Row row = new Row(jvm.pid, jvm.name);
                    row.problem = "no answer within " + DEADLINE.getSeconds() + "s";
                    rows.add(row);
                } catch (ExecutionException e) {
                    Row row = new Row(jvm.pid, jvm.name);
                    row.problem = String.valueOf(e.getCause());
                    rows.add(row);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    private static Row inspect(AttachApi.Listed jvm) {
        Row row = new Row(jvm.pid, jvm.name);
        AttachApi.Probe probe;
        try {
            probe = AttachApi.probe(jvm, true);
        } catch (ConsoleException e) {
            row.problem = e.getMessage();
            return row;
        }
        row.attachable = true;
        row.tempguard = probe.tempguardLoaded();
        row.agentVersion = probe.agentVersion;
        row.mbean = probe.mbean;
        if (!probe.tempguardLoaded()) return row;
        try (Connection c = Connector.openLocal(probe, CONNECT_TIMEOUT)) {
            TempFileManagerMXBean m = c.manager();
            row.trackedCount = m.getTrackedFileCount() + m.getTrackedDirectoryCount();
            row.trackedBytes = m.getTrackedBytes();
        } catch (ConsoleException e) {
            row.problem = e.getMessage();
        } catch (RuntimeException e) {
            row.problem = "cannot read its MBean: " + Connector.rootMessage(e);
        }
        return row;
    }

    private static void print(PrintWriter out, List<Row> rows) {
        out.printf(Locale.ROOT, "%-8s %-18s %8s %10s  %s%n", "PID", "TEMPGUARD", "TRACKED", "SIZE", "MAIN");
        int withTempguard = 0;
        for (Row r : rows) {
            String tempguard;
            if (r.tempguard == null) {
                tempguard = "?";
            } else if (r.tempguard) {
                withTempguard++;
                tempguard = "yes" + (r.agentVersion != null ? " (agent " + r.agentVersion + ")" : " (library)");
            } else {
                tempguard = "no";
            }
            String main = r.name.isEmpty() ? "-" : TerminalText.escape(r.name); // any process may name itself anything
            if (r.problem != null) main += "  [" + TerminalText.escape(r.problem) + "]";
            out.printf(Locale.ROOT, "%-8d %-18s %8s %10s  %s%n", r.pid, tempguard,
                    r.trackedCount == null ? "" : r.trackedCount.toString(),
                    r.trackedBytes == null ? "" : Sizes.human(r.trackedBytes), main);
        }
        out.println(rows.size() + " JVM" + (rows.size() == 1 ? "" : "s") + ", " + withTempguard + " with tempguard"
                + (rows.isEmpty() ? "" : "; act on one with: tempguard-console stats|ls|cleanup|watch <pid>"));
    }
}
