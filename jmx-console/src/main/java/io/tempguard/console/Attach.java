package io.tempguard.console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;

/** {@code attach <pid>}: loads the tempguard agent into a running JVM through the Attach API. */
@Command(name = "attach", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Load the tempguard agent into a running local JVM (it then tracks the temp files created "
                + "from now on). Loading it twice changes nothing.",
                "The agent jar is --agent, else -Dtempguard.agent.jar, else tempguard-agent.jar next to the console jar."})
final class Attach extends BaseCommand {
    /** Fallback for runs from classes (tests, IDEs), where no agent jar sits next to the console's. */
    static final String AGENT_JAR_PROPERTY = "tempguard.agent.jar";

    @Parameters(index = "0", paramLabel = "<pid>", description = "The pid of a local JVM (see: jvms).")
    long pid;

    @Option(names = "--options", paramLabel = "k=v,...",
            description = "Agent options, as after -javaagent:tempguard-agent.jar= (e.g. roots=/tmp:/var/tmp/app,log=info).")
    String options;

    @Option(names = "--agent", paramLabel = "PATH", description = "The agent jar to load.")
    Path agent;

    @Override
    protected ExitCode execute() throws ConsoleException {
        if (pid <= 0) throw ConsoleException.usage("'" + pid + "' is not a process id");
        Path jar = agentJar();
        AttachCheck.require();
        AttachApi.AgentLoad load = AttachApi.loadAgent(pid, jar, options);
        if (load.versionBefore != null) {
            out().println("tempguard agent already loaded in JVM " + pid + " (version " + load.versionBefore
                    + "); nothing changed");
            return ExitCode.OK;
        }
        if (load.versionAfter == null) {
            throw ConsoleException.failed("the agent was loaded into JVM " + pid + " but did not start; the reason is "
                    + "on that JVM's stderr (a bad --options value, a JVM that cannot retransform classes)");
        }
        out().println("tempguard agent " + load.versionAfter + " loaded into JVM " + pid
                + (options != null && !options.isEmpty() ? " with options " + options : "")
                + "; its MBean registers in a moment (then: tempguard-console stats " + pid + ")");
        return ExitCode.OK;
    }

    @Override
    protected String subject() {
        return "JVM " + pid;
    }

    private Path agentJar() throws ConsoleException {
        if (agent != null) return existing(agent, "--agent");
        String property = System.getProperty(AGENT_JAR_PROPERTY);
        if (property != null && !property.isEmpty()) return existing(Paths.get(property), "-D" + AGENT_JAR_PROPERTY);
        Path beside = besideConsole();
        if (beside != null && Files.isRegularFile(beside)) return beside.toAbsolutePath();
        throw ConsoleException.usage("no agent jar: " + (beside != null ? beside : "tempguard-agent.jar")
                + " is not next to the console; give --agent PATH");
    }

    private static Path existing(Path jar, String from) throws ConsoleException {
        if (!Files.isRegularFile(jar)) throw ConsoleException.usage(from + " " + jar + " is not a file");
        if (!Files.isReadable(jar)) throw ConsoleException.usage(from + " " + jar + " is not readable");
        return jar.toAbsolutePath().normalize();
    }

    /** tempguard-agent.jar in the directory of the console jar (or, run from classes, next to the classes directory). */
    private static Path besideConsole() {
        try {
            CodeSource source = Main.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) return null;
            Path self = Paths.get(source.getLocation().toURI());
            Path dir = self.getParent();
            return dir == null ? null : dir.resolve("tempguard-agent.jar");
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
