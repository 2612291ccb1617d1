package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.sites.SitesHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, JFR events: a host with the agent and {@code -XX:StartFlightRecording}; the JDK's own
 * {@code jfr print} reads one {@code io.tempguard.TempFileCreated} per created path, whose stack
 * names the creating class, plus {@code TempFileDeleted} (by host and by cleanup), {@code Cleanup}
 * and {@code Sweep}. The agent loads core in its own isolated class loader, so this also shows the
 * events work from there.
 */
@Timeout(180)
class JfrEventsTest {
    private static final Pattern PATH = Pattern.compile("\\bpath = \"([^\"]*)\"");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aRecordingHoldsOneCreatedEventPerPathNamingTheCreatingClass(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path recording = base.resolve("rec.jfr");
        List<String> created;
        try (ChildJvm host = ChildJvm.builder(jdk, SitesHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .jvmArgs("-XX:StartFlightRecording:filename=" + recording + ",dumponexit=true")
                .args("3", "2", "1", "1").start()) {
            host.awaitLine("READY");
            created = host.stdoutLines().stream().filter(l -> l.startsWith("CREATED "))
                    .map(l -> l.substring("CREATED ".length())).collect(Collectors.toList());
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                manager.sweepOrphans();
                assertEquals(5, manager.cleanupAll().getDeletedCount());
            }
            host.send("exit");
            host.awaitNormalExit();
            assertFalse(host.stderr().contains("tempguard"), host.describe());
        }
        assertEquals(6, created.size());

        List<String> createdEvents = events(jdk, recording, "io.tempguard.TempFileCreated");
        assertEquals(created.stream().sorted().collect(Collectors.toList()),
                createdEvents.stream().map(e -> field(PATH, e)).sorted().collect(Collectors.toList()),
                "one TempFileCreated per created path");
        for (String e : createdEvents) {
            String path = field(PATH, e);
            String creator = path.contains("report-") ? "io.tempguard.e2e.hosts.sites.ReportWriter.write"
                    : path.contains("index-") ? "io.tempguard.e2e.hosts.sites.IndexBuilder.build"
                    : "com.example.lib.SpillBuffer.allocate";
            assertTrue(e.contains(creator), "the stack trace names " + creator + ":\n" + e);
            assertTrue(e.contains("kind = \"" + (path.contains("spill-") ? "DIRECTORY" : "FILE") + "\""), e);
            assertTrue(e.contains("root = \"" + dirs.tmp + "\""), e);
        }

        Map<String, List<String>> deletedBy = new TreeMap<>();
        for (String e : events(jdk, recording, "io.tempguard.TempFileDeleted")) {
            deletedBy.computeIfAbsent(field(Pattern.compile("\\bby = \"([^\"]*)\""), e), k -> new ArrayList<>())
                    .add(field(PATH, e));
        }
        assertEquals(List.of(created.get(0)), deletedBy.get("host"), "the host deleted its first report itself");
        assertEquals(created.subList(1, 6).stream().sorted().collect(Collectors.toList()),
                deletedBy.get("cleanup").stream().sorted().collect(Collectors.toList()), "cleanupAll deleted the rest");

        List<String> cleanups = events(jdk, recording, "io.tempguard.Cleanup");
        assertTrue(cleanups.stream().anyMatch(e -> e.contains("label = \"cleanup\"") && e.matches("(?s).*\\bdeleted = 5\\b.*")),
                String.join("\n", cleanups));
        assertFalse(events(jdk, recording, "io.tempguard.Sweep").isEmpty(), "the sweep's event");
    }

    /** Each event of {@code name} as {@code jfr print} prints it, stack traces up to 64 frames. */
    private static List<String> events(Jdk jdk, Path recording, String name) throws IOException, InterruptedException {
        Path jfr = jdk.home().resolve("bin/jfr");
        Process p = new ProcessBuilder(jfr.toString(), "print", "--stack-depth", "64", "--events", name,
                recording.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jfr print finished");
        assertEquals(0, p.exitValue(), out);
        List<String> events = new ArrayList<>();
        for (String block : out.split("(?m)^" + Pattern.quote(name) + " \\{")) {
            if (!block.isBlank()) events.add(block);
        }
        return events;
    }

    private static String field(Pattern p, String event) {
        Matcher m = p.matcher(event);
        assertTrue(m.find(), p + " in " + event);
        return m.group(1);
    }
}
