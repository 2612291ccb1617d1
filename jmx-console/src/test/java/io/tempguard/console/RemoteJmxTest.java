package io.tempguard.console;

import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.Console;
import io.tempguard.console.support.HostJvm;
import io.tempguard.console.support.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remote targets: a child exposing JMX on a loopback port with password authentication and an
 * access file (admin: readwrite, reader: readonly).
 */
@Timeout(120)
class RemoteJmxTest {

    @Test
    void passwordAuthenticatedRemoteJmx(@TempDir Path base) throws Exception {
        Path tmp = Files.createDirectories(base.resolve("tmp"));
        Path journals = Files.createDirectories(base.resolve("journals"));
        Path passwords = base.resolve("jmxremote.password");
        Files.writeString(passwords, "admin s3cret\nreader r3ad\n");
        // The JVM refuses to start unless only its owner can read the password file.
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Path access = base.resolve("jmxremote.access");
        Files.writeString(access, "admin readwrite\nreader readonly\n");
        Path adminPassword = Files.writeString(base.resolve("admin.pw"), "s3cret\n");
        Path readerPassword = Files.writeString(base.resolve("reader.pw"), "r3ad\n");
        Path wrongPassword = Files.writeString(base.resolve("wrong.pw"), "guess\n");

        int port = Ports.freeLoopbackPort();
        String address = "127.0.0.1:" + port;
        try (HostJvm child = HostJvm.builder(tmp).agent("journalDir=" + journals)
                .jvmArgs("-Dcom.sun.management.jmxremote.port=" + port,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.ssl=false",
                        "-Dcom.sun.management.jmxremote.authenticate=true",
                        "-Dcom.sun.management.jmxremote.password.file=" + passwords,
                        "-Dcom.sun.management.jmxremote.access.file=" + access)
                .start()) {
            List<Path> files = child.send("files 2 100");
            String admin = adminPassword.toString();
            Console.runUntilOk("stats", address, "--user", "admin", "--password-file", admin);

            Result stats = Console.run("stats", address, "--user", "admin", "--password-file", admin, "--json");
            assertEquals(0, stats.exitCode, stats.toString());
            assertEquals(address, stats.json().get("target").asText());
            assertEquals(2, stats.json().get("trackedFileCount").asLong(), stats.toString());

            String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
            Result byUrl = Console.run("ls", url, "--user", "admin", "--password-file", admin);
            assertEquals(0, byUrl.exitCode, byUrl.toString());
            for (Path f : files) assertTrue(byUrl.out.contains(f.toString()), byUrl.out);

            Result wrong = Console.run("stats", address, "--user", "admin", "--password-file", wrongPassword.toString());
            assertEquals(4, wrong.exitCode, wrong.toString());
            assertEquals("", wrong.out);
            assertEquals(1, wrong.errLines().size(), wrong.toString());
            assertTrue(wrong.err.startsWith("tempguard-console: authentication to " + address + " failed: "), wrong.err);
            assertTrue(wrong.err.contains("check --user and the --password-file"), wrong.err);

            Result none = Console.run("stats", address);
            assertEquals(4, none.exitCode, none.toString());
            assertTrue(none.err.contains("give --user NAME --password-file FILE"), none.err);

            // A readonly user reads attributes but may not invoke operations such as cleanupAll.
            String reader = readerPassword.toString();
            Result readerStats = Console.run("stats", address, "--user", "reader", "--password-file", reader);
            assertEquals(0, readerStats.exitCode, readerStats.toString());
            Result readerCleanup = Console.run("cleanup", address, "--user", "reader", "--password-file", reader);
            assertEquals(4, readerCleanup.exitCode, readerCleanup.toString());
            assertTrue(readerCleanup.err.startsWith("tempguard-console: " + address + " refused the operation: "),
                    readerCleanup.err);
            for (Path f : files) assertTrue(Files.exists(f), f + " not deleted by a readonly user");

            Result noPasswordFile = Console.run("stats", address, "--user", "admin", "--password-file",
                    base.resolve("missing.pw").toString());
            assertEquals(2, noPasswordFile.exitCode, noPasswordFile.toString());

            Result ssl = Console.run("stats", address, "--ssl", "--timeout", "20s", "--user", "admin", "--password-file", admin);
            assertEquals(3, ssl.exitCode, "TLS against a plain endpoint\n" + ssl);
            assertEquals(1, ssl.errLines().size(), ssl.toString());

            Result cleanup = Console.run("cleanup", address, "--user", "admin", "--password-file", admin, "--json");
            assertEquals(0, cleanup.exitCode, cleanup.toString());
            assertEquals(2, cleanup.json().get("deletedCount").asLong());
            for (Path f : files) assertFalse(Files.exists(f), f + " deleted");
        }
    }
}
