package io.tempguard.console;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A command that works on one JVM running tempguard: connects, runs, disconnects. */
abstract class TargetCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<target>", converter = TargetAddress.Converter.class,
            description = "The pid of a local JVM (see: jvms), host:port of a remote JMX agent, or a "
                    + "service:jmx:rmi:... URL.")
    TargetAddress target;

    @Mixin
    ConnectionOptions connection;

    /** Checks option values that picocli cannot, before connecting; throws a ParameterException (exit 2). */
    protected void validate() {
    }

    /** The command's work on an open connection. */
    protected abstract ExitCode execute(Connection connection) throws Exception;

    @Override
    protected final ExitCode execute() throws Exception {
        validate();
        try (Connection c = Connector.open(target, connection)) {
            return execute(c);
        }
    }

    @Override
    protected String subject() {
        return target.describe();
    }
}
