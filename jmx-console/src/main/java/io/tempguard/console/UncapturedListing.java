package io.tempguard.console;

import io.tempguard.Durations;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.UncapturedPathRow;

import java.io.PrintWriter;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code ls <target> --uncaptured}: what the JVM created under a root that no capture rule matched. */
final class UncapturedListing {

    static ExitCode print(TempFileManagerMXBean manager, int limit, boolean json, String target, String subject,
                          PrintWriter out) {
        List<UncapturedPathRow> rows;
        long total;
        try {
            rows = manager.listUncaptured(limit);
            total = manager.getUncapturedCreatedTotal();
        } catch (UndeclaredThrowableException olderTarget) {
            // The MXBean proxy's way of saying the target's tempguard has no such operation.
            out.println(subject + " runs a tempguard without capture (no listUncaptured); upgrade its agent");
            return ExitCode.FAILED;
        }
        if (json) {
            Json doc = new Json().beginObject()
                    .field("target", target)
                    .field("uncapturedCreatedTotal", total)
                    .field("captureRules", manager.getCaptureRules())
                    .name("paths").beginArray();
            for (UncapturedPathRow r : rows) {
                doc.beginObject()
                        .field("path", r.getPath())
                        .field("kind", r.getKind())
                        .field("ageSeconds", r.getAgeSeconds())
                        .field("createdAt", Instant.ofEpochMilli(r.getCreatedAtEpochMillis()).toString())
                        .endObject();
            }
            JsonOption.print(out, doc.endArray().endObject());
            return ExitCode.OK;
        }
        if (rows.isEmpty()) {
            out.println("no uncaptured creations in " + subject);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "%-4s %8s  %s%n", "KIND", "AGE", "PATH");
        for (UncapturedPathRow r : rows) {
            out.printf(Locale.ROOT, "%-4s %8s  %s%n", "DIRECTORY".equals(r.getKind()) ? "dir" : "file",
                    Durations.human(Duration.ofSeconds(r.getAgeSeconds())), TerminalText.escape(r.getPath()));
        }
        String rules = manager.getCaptureRules();
        out.println(rows.size() + " of " + total + " uncaptured creation" + (total == 1 ? "" : "s") + ", newest first"
                + "; capture rules: " + (rules.isEmpty() ? "none" : TerminalText.escape(rules))
                + " (never deleted; add a rule with the agent option capture=GLOB[:GLOB...])");
        return ExitCode.OK;
    }

    private UncapturedListing() {
    }
}
