package io.tempguard.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tempguard.console.hosts.TempHost;
import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.ConsoleAs;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 11: a temp file whose name holds a newline, an ESC sequence and a backslash, made by
 * a real host. Plain {@code ls} and {@code cleanup} print it escaped as {@code ls -b} does (one
 * line, no control character reaches the terminal); {@code --json} gives the exact name back.
 */
@Timeout(120)
class ControlCharactersTest {
    /** {@link TempHost#NASTY_PREFIX} as {@code ls -b} prints it. */
    private static final String ESCAPED_PREFIX = "evil-\\n\\033[31m\\\\-";

    @ParameterizedTest(name = "host and console as {0}")
    @EnumSource(RunAs.class)
    void lsAndCleanupEscapeControlCharactersOfPathNames(RunAs user, @TempDir Path base) throws Exception {
        user.assumeAvailable();
        Path tmp = user.ownedDirectory(base, "tmp");
        Path journals = user.ownedDirectory(base, "journals");
        try (HostJvm host = HostJvm.builder(tmp).runAs(user).agent("journalDir=" + journals).start()) {
            String pid = Long.toString(host.pid());
            Path nasty = host.send("nasty").get(0);
            assertTrue(Files.exists(nasty) && nasty.getFileName().toString().startsWith(TempHost.NASTY_PREFIX), nasty::toString);
            String escaped = nasty.toString().replace(TempHost.NASTY_PREFIX, ESCAPED_PREFIX);
            ConsoleAs.runUntilOk(user, "stats", pid); // the MBean registers on a background thread

            Result json = ConsoleAs.run(user, "ls", pid, "--json");
            assertEquals(0, json.exitCode, json.toString());
            JsonNode row = json.json().get("paths").get(0);
            assertEquals(nasty.toString(), row.get("path").asText(), "JSON carries the exact name");
            assertNoControlCharacters(json);

            Result ls = ConsoleAs.run(user, "ls", pid);
            assertEquals(0, ls.exitCode, ls.toString());
            assertEquals(3, ls.lines().size(), "header, one path on one line, footer\n" + ls);
            assertTrue(ls.lines().get(1).endsWith("  " + escaped), ls.lines().get(1) + "\nexpected to end with " + escaped);
            assertNoControlCharacters(ls);

            Result dry = ConsoleAs.run(user, "cleanup", pid, "--dry-run");
            assertEquals(0, dry.exitCode, dry.toString());
            assertTrue(dry.lines().contains("  " + escaped), dry.toString());
            assertNoControlCharacters(dry);

            Result cleanup = ConsoleAs.run(user, "cleanup", pid);
            assertEquals(0, cleanup.exitCode, cleanup.toString());
            assertTrue(cleanup.lines().contains("  " + escaped), cleanup.toString());
            assertNoControlCharacters(cleanup);
            assertFalse(Files.exists(nasty), "cleanup deleted the real file " + nasty);
        }
    }

    /** Nothing below U+0020 but the line breaks, no DEL, no C1 control: on stdout and stderr. */
    private static void assertNoControlCharacters(Result r) {
        for (String text : List.of(r.out, r.err)) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f);
                assertFalse(control, "control character U+" + String.format("%04X", (int) c) + " at " + i + "\n" + r);
            }
        }
    }
}
