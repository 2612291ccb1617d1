package io.tempguard.console;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** How to reach a remote JMX agent; none of it applies to a local pid. */
final class ConnectionOptions {
    @Option(names = "--user", paramLabel = "NAME", description = "JMX user name for a remote target.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password for --user (never give a password on the command line).")
    Path passwordFile;

    @Option(names = "--ssl", description = "Connect over SSL/TLS (the RMI registry too); the trust store comes from "
            + "the standard -Djavax.net.ssl.trustStore=... system properties.")
    boolean ssl;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Give up connecting after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    boolean anyRemoteOption() {
        return user != null || passwordFile != null || ssl;
    }
}
