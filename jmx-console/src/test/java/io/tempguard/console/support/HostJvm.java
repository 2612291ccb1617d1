package io.tempguard.console.support;

import io.tempguard.console.hosts.TempHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.RunAs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A child JVM running {@link TempHost} (only the test classes on its class path), talked to over
 * its stdin: {@link #send} a command, get the paths it created. Closing it ends the process.
 */
public final class HostJvm implements AutoCloseable {
    private final ChildJvm jvm;

    private HostJvm(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /** A host with {@code tmpdir} as its {@code java.io.tmpdir}, on the JDK running the tests. */
    public static Builder builder(Path tmpdir) {
        return new Builder(tmpdir);
    }

    /** How to start a host. */
    public static final class Builder {
        private final ChildJvm.Builder jvm;

        private Builder(Path tmpdir) {
            jvm = ChildJvm.builder(TempHost.class).tmpdir(tmpdir)
                    // Small and quick: at most two of these run at once on a two-core machine.
                    .jvmArgs("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            // JDK 21+ warns on the host's stderr when an agent is loaded at run time unless allowed up front.
            if (Runtime.version().feature() >= 21) jvm.jvmArgs("-XX:+EnableDynamicAgentLoading");
        }

        /** Loads the agent at start; {@code options} as after {@code -javaagent:jar=} (null: none). */
        public Builder agent(String options) {
            jvm.agent(options);
            return this;
        }

        /** Runs the host as {@code user}; its tmpdir must be one that user owns ({@link RunAs#ownedTempDir}). */
        public Builder runAs(RunAs user) {
            jvm.runAs(user);
            return this;
        }

        public Builder jvmArgs(String... args) {
            jvm.jvmArgs(args);
            return this;
        }

        /** Starts the host and waits for its "READY" line. */
        public HostJvm start() throws IOException {
            ChildJvm child = jvm.start();
            try {
                child.awaitNextStdout(line -> line.startsWith("READY "), "the host's READY line");
            } catch (RuntimeException | Error e) {
                child.close();
                throw e;
            }
            return new HostJvm(child);
        }
    }

    public long pid() {
        return jvm.pid();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** Sends a {@link TempHost} command and returns the paths it printed ("FILE path", "DIR path", "FILE64 base64"), in order. */
    public List<Path> send(String hostCommand) {
        jvm.send(hostCommand);
        List<Path> paths = new ArrayList<>();
        for (String line : jvm.readUntil("DONE")) {
            if (line.startsWith("FILE ") || line.startsWith("DIR ")) {
                paths.add(Paths.get(line.substring(line.indexOf(' ') + 1)));
            } else if (line.startsWith("FILE64 ")) {
                byte[] utf8 = Base64.getDecoder().decode(line.substring("FILE64 ".length()));
                paths.add(Paths.get(new String(utf8, StandardCharsets.UTF_8)));
            }
        }
        return paths;
    }

    /** Waits for a stderr line containing {@code text}. */
    public String awaitStderr(String text) {
        return jvm.awaitStderr(line -> line.contains(text), "a line containing '" + text + "'");
    }

    public List<String> stderrLines() {
        return jvm.stderrLines();
    }

    public String describe() {
        return jvm.describe();
    }

    /** SIGKILL, and waits until the process is reaped (so its pid is really gone). */
    public void kill() {
        jvm.kill();
    }

    /** SIGKILL if still running: a host holds nothing a test needs cleaned up by its shutdown hooks. */
    @Override
    public void close() {
        if (jvm.isAlive()) jvm.kill();
        jvm.close();
    }
}
