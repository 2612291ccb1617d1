package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.CaptureApisHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 2, API by API ({@link CaptureApisHost}): each listed creation API, called by the
 * host inside the root, is captured by a rule (and deleted at exit); the same call outside the
 * roots is never tracked; a file that existed before, opened for writing by each API that can open
 * one, is never tracked; and every call that fails or creates nothing returns or throws exactly
 * what it does without the agent.
 */
@Timeout(120)
class CaptureApisTest {
    private static final String ORIGINAL = "original";

    private static void prepare(Path root) throws Exception {
        Files.createDirectory(root.resolve("x-dir"));
        Files.writeString(root.resolve("x-file"), "x");
        for (String api : CaptureApisHost.overwriting().keySet()) Files.writeString(root.resolve("pre-" + api), ORIGINAL);
    }

    private static List<String> results(ChildJvm host) {
        List<String> results = new ArrayList<>();
        for (String line : host.stdoutLines()) if (line.startsWith("RESULT ")) results.add(line);
        return results;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void everyApiIsCapturedInsideTheRootsOnlyWithResultsUnchanged(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path outside = dirs.dir("outside");

        List<String> withoutAgent = resultsWithoutAgent(jdk, dirs);

        prepare(dirs.tmp);
        Map<String, String> created;
        Map<String, String> outsideCreated;
        Map<String, String> pre;
        try (ChildJvm host = ChildJvm.builder(jdk, CaptureApisHost.class).agent("capture=api-*:pre-*:x-*")
                .tmpdir(dirs.tmp).workDir(dirs.work).args(dirs.tmp.toString(), outside.toString()).start()) {
            host.awaitLine("READY");
            created = byApi(host, "CREATED");
            outsideCreated = byApi(host, "OUTSIDE");
            pre = byApi(host, "PRE");
            assertEquals(CaptureApisHost.creating().keySet(), created.keySet());
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                Map<String, String> expected = new TreeMap<>();
                created.forEach((api, path) -> expected.put(path, api.contains("mkdir") || api.contains("Directory")
                        || api.contains("Directories") ? "DIRECTORY" : "FILE"));
                assertEquals(expected, new TreeMap<>(Jmx.trackedKinds(manager)),
                        "each API's creation inside the root, tracked (mkdirs/createDirectories: the topmost); "
                                + "no pre-existing file, nothing outside, nothing the failing calls touched");
                assertEquals(0, manager.getUncapturedCreatedTotal(),
                        "nothing else under the root counts (tempguard's own journal included)");
                assertEquals(0, manager.getAgentErrorCount());
            }
            assertEquals(withoutAgent, results(host), "results and exceptions with the agent = without it");
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertGone(created.values(), "captured: deleted at exit");
        Dirs.assertPresent(outsideCreated.values(), "outside the roots: never tracked");
        for (Map.Entry<String, String> p : pre.entrySet()) {
            Path file = Path.of(p.getValue());
            assertFalse(Files.readString(file, StandardCharsets.UTF_8).equals(ORIGINAL),
                    p.getKey() + " wrote to the pre-existing file");
        }
        Dirs.assertPresent(pre.values(), "pre-existing files matching a rule, opened for writing: never deleted");
    }

    /** The same calls without the agent: what the host must see with it too. */
    private static List<String> resultsWithoutAgent(Jdk jdk, Dirs dirs) throws Exception {
        Path plainRoot = dirs.dir("plain-root");
        prepare(plainRoot);
        try (ChildJvm plain = ChildJvm.builder(jdk, CaptureApisHost.class).tmpdir(dirs.tmp).workDir(dirs.work)
                .args(plainRoot.toString(), dirs.dir("plain-outside").toString()).start()) {
            plain.awaitLine("READY");
            List<String> results = results(plain);
            plain.send("exit");
            plain.awaitNormalExit();
            return results;
        }
    }

    /** Fail open: every capture hook throws past the agent's own handler; the host's calls do not notice. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aFaultInEveryCaptureHookChangesNothingForTheHost(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        List<String> withoutAgent = resultsWithoutAgent(jdk, dirs);
        prepare(dirs.tmp);
        try (ChildJvm host = ChildJvm.builder(jdk, CaptureApisHost.class).agent("capture=api-*:pre-*:x-*")
                .jvmArgs("-Dtempguard.test.injectFault=escape-capture").tmpdir(dirs.tmp).workDir(dirs.work)
                .args(dirs.tmp.toString(), dirs.dir("outside").toString()).start()) {
            host.awaitLine("READY");
            Map<String, String> created = byApi(host, "CREATED");
            assertEquals(CaptureApisHost.creating().keySet(), created.keySet(), host.describe());
            Dirs.assertPresent(created.values(), "every API still created its path");
            assertEquals(withoutAgent, results(host), "results and exceptions with faulting hooks = without the agent");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(Map.of(), Jmx.trackedKinds(manager), "a faulting hook tracks nothing");
                long faults = manager.getAgentErrorCount();
                assertTrue(faults >= created.size(), "faults counted: " + faults);
            }
            host.send("exit");
            host.awaitNormalExit();
        }
    }

    /** Lines "KIND api path" before READY, api to path (api names contain no space, paths may). */
    private static Map<String, String> byApi(ChildJvm host, String kind) {
        Map<String, String> m = new TreeMap<>();
        for (String line : host.stdoutLines()) {
            if (line.equals("READY")) break;
            if (!line.startsWith(kind + " ")) continue;
            String rest = line.substring(kind.length() + 1);
            int space = rest.indexOf(' ');
            m.put(rest.substring(0, space), rest.substring(space + 1));
        }
        return m;
    }
}
