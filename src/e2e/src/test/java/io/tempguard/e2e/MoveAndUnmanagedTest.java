package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.MoveHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scenario 3: a temp file moved (Files.move) or renamed (File.renameTo) to its final place outside
 * the temp directory is let go and survives the exit; temp files created straight in a directory
 * outside the roots are only counted (UnmanagedCreatedTotal) and never deleted.
 */
@Timeout(120)
class MoveAndUnmanagedTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void finalFilesAndUnmanagedFilesSurviveTheExit(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, MoveHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .args(dirs.out.toString()).start()) {
            host.awaitLine("READY");
            Map<String, String> printed = Dirs.printedPaths(host.stdoutLines(), "READY",
                    "TEMP", "FINAL", "UNMANAGED", "SCRATCH");
            List<String> finals = byKind(printed, "FINAL");
            List<String> unmanaged = byKind(printed, "UNMANAGED");
            List<String> scratch = byKind(printed, "SCRATCH");
            assertEquals(List.of(dirs.out.resolve("report.txt").toString(), dirs.out.resolve("export.txt").toString()),
                    finals, host.describe());
            assertEquals(2, unmanaged.size(), host.describe());
            assertEquals(1, scratch.size(), host.describe());

            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(Map.of(scratch.get(0), "FILE"), Jmx.trackedKinds(manager),
                        "only the scratch file is tracked: the moved ones were let go, the unmanaged never tracked");
                assertEquals(2, manager.getUnmanagedCreatedTotal(), "UnmanagedCreatedTotal");
                assertEquals(3, manager.getCreatedTotal(), "CreatedTotal: the two moved temp files and the scratch file");
                assertEquals(2, manager.getReleasedTotal(), "ReleasedTotal: the two moved temp files");
                assertEquals(1, manager.getTrackedFileCount());
                assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");
            }

            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        assertEquals("moved with Files.move", read(dirs.out.resolve("report.txt")));
        assertEquals("moved with File.renameTo", read(dirs.out.resolve("export.txt")));
        List<String> left = Dirs.list(dirs.out);
        assertEquals(4, left.size(), "the two final files and the two unmanaged temp files: " + left);
        assertEquals(2, left.stream().filter(n -> n.startsWith("direct-") && n.endsWith(".txt")).count(), left.toString());
        Dirs.assertNoTempLeft(dirs.tmp, "the scratch file was deleted at exit, the moved ones had left");
    }

    private static List<String> byKind(Map<String, String> printed, String kind) {
        return printed.entrySet().stream().filter(e -> e.getValue().equals(kind)).map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    private static String read(Path p) throws Exception {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
