package io.tempguard.e2e;

import io.tempguard.e2e.hosts.DeleteOnExitHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 9 item 6: with the agent, File.deleteOnExit keeps the JDK's semantics (whatever is at the
 * path at exit is deleted, files and empty directories, in reverse order of the requests), also
 * now that tempguard takes the requests over (issue 11 section 1): a taken-over path the host
 * deletes, moves or replaces is adopted again when something is at its name. The same host program
 * runs without and with the agent; the files present in its temp directory after exit must be the same.
 */
@Timeout(120)
class DeleteOnExitSemanticsTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : Jdk.values()) {
            for (String mode : List.of("plain", "movedOver", "recreated", "movedAway", "inDirectory")) {
                cases.add(Arguments.of(jdk, mode));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void theFilesLeftAtExitAreTheSameWithAndWithoutTheAgent(Jdk jdk, String mode, @TempDir Path base)
            throws Exception {
        jdk.require();
        List<String> without = leftAfterExit(jdk, mode, Dirs.in(Files.createDirectory(base.resolve("without"))), false);
        List<String> with = leftAfterExit(jdk, mode, Dirs.in(Files.createDirectory(base.resolve("with"))), true);
        assertEquals(without, with, "what is left in java.io.tmpdir after exit, without and with the agent");
    }

    private static List<String> leftAfterExit(Jdk jdk, String mode, Dirs dirs, boolean agent) throws Exception {
        ChildJvm.Builder b = ChildJvm.builder(jdk, DeleteOnExitHost.class).tmpdir(dirs.tmp).workDir(dirs.work)
                .args(mode);
        if (agent) b.agent();
        try (ChildJvm host = b.start()) {
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
            Dirs.printedPaths(host.stdoutLines(), "done", "TEMP");
        }
        return tree(dirs.tmp);
    }

    /** Every path under {@code dir} relative to it, sorted, without the agent's state directory. */
    private static List<String> tree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir))
                    .map(p -> dir.relativize(p).toString())
                    .filter(p -> !p.equals(Dirs.STATE_DIR) && !p.startsWith(Dirs.STATE_DIR + "/"))
                    .map(p -> p.replaceAll("marked-\\d+\\.tmp", "marked-N.tmp"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
