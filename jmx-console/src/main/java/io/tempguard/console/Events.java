package io.tempguard.console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import javax.management.Notification;
import javax.management.NotificationBroadcaster;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code events <target>}: the MBean's notifications (threshold exceeded and recovered) as they
 * happen, one line each or one JSON object per line, until Ctrl-C or the target goes away. Once
 * subscribed it says so on stderr, so a script knows from when on nothing is missed.
 */
@Command(name = "events", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Stream a JVM's tempguard notifications (io.tempguard.threshold.exceeded and .recovered) as "
                + "they happen, until Ctrl-C or the JVM goes away.",
                "One line per notification; with --json one JSON object per line."})
final class Events extends TargetCommand {
    /** How often, while no notification comes, the target is checked for still being there. */
    private static final long ALIVE_CHECK_MILLIS = 1_000;

    @Mixin
    JsonOption json;

    @Override
    protected ExitCode execute(Connection connection) throws Exception {
        BlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
        NotificationListener listener = (notification, handback) -> queue.add(notification);
        if (!connection.server().isInstanceOf(connection.name(), NotificationBroadcaster.class.getName())) {
            throw ConsoleException.failed("tempguard in " + connection.subject() + " sends no notifications (version "
                    + connection.manager().getVersion() + " predates thresholds); nothing to stream");
        }
        connection.server().addNotificationListener(connection.name(), listener, null, null);
        err().println("tempguard-console: listening for notifications from " + connection.subject()
                + " (Ctrl-C to stop)");
        err().flush();
        PrintWriter out = out();
        for (;;) {
            Notification n = queue.poll(ALIVE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (n == null) {
                requireStillThere(connection);
                continue;
            }
            out.println(json.enabled() ? json(n) : line(n));
            out.flush();
        }
    }

    /** Ends the stream with exit code 3 and one line when the target's MBean or JVM is gone. */
    private static void requireStillThere(Connection connection) throws ConsoleException {
        boolean registered;
        try {
            registered = connection.server().isRegistered(connection.name());
        } catch (IOException e) {
            throw ConsoleException.unreachable(connection.subject() + " went away (" + Connector.rootMessage(e)
                    + "); no more events", e);
        }
        if (!registered) {
            throw ConsoleException.unreachable("tempguard's MBean is no longer registered in " + connection.subject()
                    + " (is the JVM shutting down?); no more events", null);
        }
    }

    /** {@code 2026-01-01T00:00:00Z exceeded warnTrackedFiles value=10 limit=5 sites=[] tempguard: ...}. */
    static String line(Notification n) {
        StringBuilder b = new StringBuilder();
        b.append(Instant.ofEpochMilli(n.getTimeStamp())).append(' ').append(shortType(n.getType()));
        CompositeData data = n.getUserData() instanceof CompositeData ? (CompositeData) n.getUserData() : null;
        if (data != null) {
            b.append(' ').append(item(data, "threshold")).append(" value=").append(item(data, "value"))
                    .append(" limit=").append(item(data, "limit")).append(" sites=").append(sites(data));
        }
        if (n.getMessage() != null) b.append(' ').append(n.getMessage());
        return TerminalText.escape(b.toString());
    }

    static String json(Notification n) {
        Json doc = new Json().beginObject()
                .field("time", Instant.ofEpochMilli(n.getTimeStamp()).toString())
                .field("type", n.getType())
                .field("sequence", n.getSequenceNumber());
        if (n.getUserData() instanceof CompositeData) {
            CompositeData data = (CompositeData) n.getUserData();
            doc.field("threshold", String.valueOf(item(data, "threshold")));
            Object value = item(data, "value");
            Object limit = item(data, "limit");
            doc.field("value", value instanceof Long ? (Long) value : null);
            doc.field("limit", limit instanceof Long ? (Long) limit : null);
            doc.stringArray("topSites", sites(data));
        }
        return doc.field("message", n.getMessage()).endObject().toString();
    }

    /** "io.tempguard.threshold.exceeded" as "exceeded"; other types as they are. */
    private static String shortType(String type) {
        String prefix = "io.tempguard.threshold.";
        return type.startsWith(prefix) ? type.substring(prefix.length()) : type;
    }

    private static Object item(CompositeData data, String key) {
        return data.containsKey(key) ? data.get(key) : null;
    }

    private static List<String> sites(CompositeData data) {
        Object sites = item(data, "topSites");
        return sites instanceof String[] ? Arrays.asList((String[]) sites) : new ArrayList<>();
    }
}
