package io.tempguard.console;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.tempguard.TempGuardProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything that touches the Attach API ({@code com.sun.tools.attach}, module {@code jdk.attach}).
 * Callers check {@link AttachCheck#require()} first: on a runtime without the module, merely
 * verifying this class fails. Each failure comes back as a {@link ConsoleException} naming the JVM
 * and what to try.
 */
final class AttachApi {
    /** A local JVM as {@code jps} sees it (it publishes itself through hsperfdata). */
    static final class Listed {
        final long pid;
        /** The main class or jar, as {@code jps -l} shows it; "" when the JVM does not say. */
        final String name;
        private final VirtualMachineDescriptor descriptor;

        private Listed(VirtualMachineDescriptor descriptor) {
            this.descriptor = descriptor;
            this.pid = parsePid(descriptor.id());
            String display = descriptor.displayName().trim();
            int space = display.indexOf(' ');
            String first = space < 0 ? display : display.substring(0, space);
            this.name = first.equals(descriptor.id()) ? "" : first;
        }
    }

    /** What attaching to a JVM told: tempguard's markers and, if asked for and present, a JMX address. */
    static final class Probe {
        final long pid;
        /** {@code tempguard.agent.version}, or null when the agent is not installed. */
        final String agentVersion;
        /** {@code tempguard.mbean}: the registered MXBean's name, or null. */
        final String mbean;
        /** The local management agent's connector address, or null when it was not started. */
        final String address;

        private Probe(long pid, String agentVersion, String mbean, String address) {
            this.pid = pid;
            this.agentVersion = agentVersion;
            this.mbean = mbean;
            this.address = address;
        }

        boolean tempguardLoaded() {
            return agentVersion != null || mbean != null;
        }
    }

    /** Local JVMs, the console's own excluded. */
    static List<Listed> list() throws ConsoleException {
        long self = ProcessHandle.current().pid();
        List<Listed> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            Listed listed = new Listed(d);
            if (listed.pid != self) jvms.add(listed);
        }
        jvms.sort((a, b) -> Long.compare(a.pid, b.pid));
        return jvms;
    }

    /**
     * Attaches to a listed JVM and reads tempguard's markers; starts the local management agent only
     * when tempguard is loaded there and {@code connect} is set (never in other JVMs).
     */
    static Probe probe(Listed jvm, boolean connect) throws ConsoleException {
        checkProcess(jvm.pid);
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(jvm.descriptor);
        } catch (AttachNotSupportedException e) {
            throw ConsoleException.unreachable("cannot attach to JVM " + jvm.pid + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw attachFailure(jvm.pid, e);
        }
        return probe(vm, jvm.pid, connect);
    }

    /** {@link #probe(Listed, boolean)} by pid. */
    static Probe probe(long pid, boolean connect) throws ConsoleException {
        return probe(attach(pid), pid, connect);
    }

    private static Probe probe(VirtualMachine vm, long pid, boolean connect) throws ConsoleException {
        try {
            Properties props = systemProperties(vm, pid);
            String agent = props.getProperty(TempGuardProperties.AGENT_VERSION);
            String mbean = props.getProperty(TempGuardProperties.MBEAN);
            String address = null;
            if (connect && (agent != null || mbean != null)) address = startLocalManagementAgent(vm, pid);
            return new Probe(pid, agent, mbean, address);
        } finally {
            detach(vm);
        }
    }

    /** The agent version before and after a load (either may be null). */
    static final class AgentLoad {
        final String versionBefore;
        final String versionAfter;

        private AgentLoad(String versionBefore, String versionAfter) {
            this.versionBefore = versionBefore;
            this.versionAfter = versionAfter;
        }
    }

    /**
     * Loads the agent jar into the JVM ({@code agentmain}) unless it is already installed there, and
     * reads the agent's marker again afterwards: an agent that refused its options does not set it.
     */
    static AgentLoad loadAgent(long pid, Path jar, String options) throws ConsoleException {
        VirtualMachine vm = attach(pid);
        try {
            String before = systemProperties(vm, pid).getProperty(TempGuardProperties.AGENT_VERSION);
            if (before != null) return new AgentLoad(before, before);
            try {
                vm.loadAgent(jar.toString(), options);
            } catch (AgentLoadException e) {
                throw ConsoleException.failed("JVM " + pid + " could not load " + jar + " as an agent: " + e.getMessage()
                        + " (is it the tempguard agent jar?)");
            } catch (AgentInitializationException e) {
                throw ConsoleException.failed("the agent failed to start in JVM " + pid + " (agentmain returned "
                        + e.returnValue() + "): see that JVM's stderr");
            } catch (IOException e) {
                throw ConsoleException.unreachable("lost JVM " + pid + " while loading the agent: " + e.getMessage(), e);
            }
            return new AgentLoad(null, systemProperties(vm, pid).getProperty(TempGuardProperties.AGENT_VERSION));
        } finally {
            detach(vm);
        }
    }

    private static VirtualMachine attach(long pid) throws ConsoleException {
        checkProcess(pid);
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw ConsoleException.unreachable("cannot attach to JVM " + pid + ": " + e.getMessage()
                    + " (is it a HotSpot JVM started without -XX:+DisableAttachMechanism?)", e);
        } catch (IOException e) {
            throw attachFailure(pid, e);
        }
    }

    private static Properties systemProperties(VirtualMachine vm, long pid) throws ConsoleException {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw ConsoleException.unreachable("cannot read the system properties of JVM " + pid + ": " + e.getMessage(), e);
        }
    }

    /** Starts (or finds) the JVM's local JMX connector, as {@code jcmd <pid> ManagementAgent.start_local} does. */
    private static String startLocalManagementAgent(VirtualMachine vm, long pid) throws ConsoleException {
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw ConsoleException.unreachable("cannot start the local management agent in JVM " + pid + ": "
                    + e.getMessage(), e);
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    private static long parsePid(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Checks what can be known without attaching: the process exists, belongs to this user (the
     * Attach API only works within one user, root excepted), and handles SIGQUIT. On JDK 17 the
     * attach handshake signals the target with SIGQUIT, which kills a JVM still starting (or run with
     * -Xrs) instead of waking its attach listener; JDK 21+ makes the same check itself.
     */
    private static void checkProcess(long pid) throws ConsoleException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (!process.isPresent() || !process.get().isAlive()) {
            throw ConsoleException.unreachable("no process with pid " + pid + " is running (list local JVMs with: "
                    + "tempguard-console jvms)", null);
        }
        String owner = process.get().info().user().orElse(null);
        String me = ProcessHandle.current().info().user().orElse(System.getProperty("user.name"));
        if (owner != null && me != null && !owner.equals(me) && !"root".equals(me)) {
            throw ConsoleException.denied("permission denied: JVM " + pid + " runs as user '" + owner
                    + "' and the console as '" + me + "'; the Attach API only reaches JVMs of the same user: run the "
                    + "console as '" + owner + "' (e.g. sudo -u " + owner + " java -jar tempguard-console.jar ...)", null);
        }
        if (!attachListenerRunning(pid) && !catchesSigquit(pid)) {
            throw ConsoleException.unreachable("process " + pid + " does not accept attach requests yet: it is not a "
                    + "JVM, is still starting, or runs with -Xrs; retry in a moment", null);
        }
    }

    private static boolean attachListenerRunning(long pid) {
        return Files.exists(Paths.get("/proc/" + pid + "/root/tmp/.java_pid" + pid));
    }

    /** Linux: the SigCgt mask in /proc/pid/status has SIGQUIT (3); elsewhere assumed true. */
    private static boolean catchesSigquit(long pid) {
        Path status = Paths.get("/proc/" + pid + "/status");
        if (!Files.isReadable(status)) return true;
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("SigCgt:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
                    return (mask & (1L << (3 - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: let the Attach API decide
        }
        return true;
    }

    private static ConsoleException attachFailure(long pid, IOException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("permission denied") || lower.contains("operation not permitted")
                || lower.contains("owned by") || lower.contains("not secure")) {
            return ConsoleException.denied("permission denied attaching to JVM " + pid + ": " + message
                    + " (run the console as the user that runs that JVM)", e);
        }
        if (lower.contains("current vm")) {
            return ConsoleException.unreachable("JVM " + pid + " is the console itself", e);
        }
        return ConsoleException.unreachable("cannot attach to JVM " + pid + ": " + message, e);
    }

    private AttachApi() {
    }
}
