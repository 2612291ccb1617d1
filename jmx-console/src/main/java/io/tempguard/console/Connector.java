package io.tempguard.console;

import io.tempguard.TempFileManagerConfig;

import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.naming.NameNotFoundException;
import javax.naming.NoInitialContextException;
import javax.naming.ServiceUnavailableException;
import javax.net.ssl.SSLException;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.rmi.ConnectIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a JMX connection to tempguard's MXBean: through the Attach API and the JVM's local
 * management agent for a pid, or over RMI for a remote address. Every way this can fail becomes a
 * {@link ConsoleException} that names the target and says what to try.
 */
final class Connector {
    /** How long to wait for the MBean of an agent that is loaded but has not registered it yet. */
    private static final Duration MBEAN_GRACE = Duration.ofSeconds(5);

    static Connection open(TargetAddress target, ConnectionOptions options) throws ConsoleException {
        return target.isLocal() ? openLocal(target, options) : openRemote(target, options);
    }

    private static Connection openLocal(TargetAddress target, ConnectionOptions options) throws ConsoleException {
        if (options.anyRemoteOption()) {
            throw ConsoleException.usage("--user, --password-file and --ssl are for remote targets; JVM " + target.pid()
                    + " is reached through the Attach API as the user that runs it");
        }
        AttachCheck.require();
        AttachApi.Probe probe = AttachApi.probe(target.pid(), true);
        if (!probe.tempguardLoaded()) throw notLoaded(target);
        return openLocal(probe, options.timeout);
    }

    /** Connects to the local management agent a probe started in a JVM where tempguard is loaded. */
    static Connection openLocal(AttachApi.Probe probe, Duration timeout) throws ConsoleException {
        long pid = probe.pid;
        TargetAddress target = TargetAddress.parse(Long.toString(pid));
        ObjectName name = objectName(probe.mbean != null ? probe.mbean : TempFileManagerConfig.DEFAULT_OBJECT_NAME);
        JMXServiceURL url;
        try {
            url = new JMXServiceURL(probe.address);
        } catch (MalformedURLException | NullPointerException e) {
            throw ConsoleException.unreachable("JVM " + pid + " returned an unusable JMX address " + probe.address, e);
        }
        JMXConnector connector = connect(url, new HashMap<>(), target, timeout);
        // The agent registers the MBean on a background thread a moment after it starts: give it that moment.
        long deadline = System.nanoTime() + (probe.agentVersion != null ? MBEAN_GRACE.toNanos() : 0);
        boolean registered;
        while (!(registered = isRegistered(connector, name, target)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!registered) {
            close(connector);
            throw probe.agentVersion != null
                    ? ConsoleException.unreachable("the tempguard agent " + probe.agentVersion + " is loaded in JVM " + pid
                    + " but its MBean " + name + " is not registered after " + MBEAN_GRACE.getSeconds() + "s (does the agent "
                    + "run with jmx=false? its log on that JVM's stderr says why)", null)
                    : notLoaded(target);
        }
        return new Connection(connector, server(connector, target), name, target.describe());
    }

    private static Connection openRemote(TargetAddress target, ConnectionOptions options) throws ConsoleException {
        Map<String, Object> env = new HashMap<>();
        if (options.user != null || options.passwordFile != null) {
            if (options.user == null) throw ConsoleException.usage("--password-file needs --user");
            env.put(JMXConnector.CREDENTIALS, new String[] {options.user, password(options)});
        }
        if (options.ssl) {
            // Also for the RMI registry lookup (com.sun.management.jmxremote.registry.ssl=true).
            env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        }
        JMXConnector connector = connect(target.url(), env, target, options.timeout);
        ObjectName name = objectName(TempFileManagerConfig.DEFAULT_OBJECT_NAME);
        if (!isRegistered(connector, name, target)) {
            close(connector);
            throw notLoaded(target);
        }
        return new Connection(connector, server(connector, target), name, target.describe());
    }

    static ConsoleException notLoaded(TargetAddress target) {
        return target.isLocal()
                ? ConsoleException.unreachable("tempguard is not loaded in JVM " + target.pid()
                + " (load it with: tempguard-console attach " + target.pid() + ")", null)
                : ConsoleException.unreachable("tempguard is not loaded in the JVM at " + target
                + " (no MBean " + TempFileManagerConfig.DEFAULT_OBJECT_NAME + "; start it with "
                + "-javaagent:tempguard-agent.jar, or attach the agent on its host)", null);
    }

    /** The password for --user: the first line of --password-file, or typed at a terminal. */
    private static String password(ConnectionOptions options) throws ConsoleException {
        if (options.passwordFile == null) {
            if (System.console() == null) {
                throw ConsoleException.usage("--user needs --password-file FILE (the password is the file's first line)");
            }
            char[] typed = System.console().readPassword("password for %s: ", options.user);
            if (typed == null) throw ConsoleException.usage("no password given for --user " + options.user);
            return new String(typed);
        }
        try {
            List<String> lines = Files.readAllLines(options.passwordFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (NoSuchFileException e) {
            throw ConsoleException.usage("password file " + options.passwordFile + " does not exist");
        } catch (AccessDeniedException e) {
            throw ConsoleException.usage("cannot read password file " + options.passwordFile + ": permission denied");
        } catch (IOException e) {
            throw ConsoleException.usage("cannot read password file " + options.passwordFile + ": " + e);
        }
    }

    /** Connects with a deadline: an RMI connect to a host that drops packets would otherwise hang for minutes. */
    private static JMXConnector connect(JMXServiceURL url, Map<String, Object> env, TargetAddress target,
                                        Duration timeout) throws ConsoleException {
        FutureTask<JMXConnector> task = new FutureTask<>(() -> JMXConnectorFactory.connect(url, env));
        Thread thread = new Thread(task, "tempguard-console-connect");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw ConsoleException.unreachable("no answer from " + target.describe() + " within "
                    + io.tempguard.Durations.human(timeout) + " (is the address right and the port open? "
                    + "--timeout sets the wait)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConsoleException.unreachable("interrupted while connecting to " + target.describe(), e);
        } catch (ExecutionException e) {
            throw connectFailure(e.getCause(), target);
        }
    }

    /** Why a connect failed: bad credentials (4), a malformed address (2), or an unreachable target (3). */
    private static ConsoleException connectFailure(Throwable t, TargetAddress target) {
        String where = target.describe();
        if (t instanceof SecurityException) {
            String reason = String.valueOf(t.getMessage());
            String hint = reason.toLowerCase(java.util.Locale.ROOT).contains("credentials required")
                    ? "give --user NAME --password-file FILE" : "check --user and the --password-file";
            return ConsoleException.denied("authentication to " + where + " failed: " + reason + " (" + hint + ")", t);
        }
        if (t instanceof MalformedURLException) {
            return ConsoleException.usage("'" + target + "' is not a usable JMX address: " + t.getMessage());
        }
        if (hasCause(t, SSLException.class)) {
            return ConsoleException.unreachable("TLS handshake with " + where + " failed: " + rootMessage(t)
                    + " (trust its certificate with -Djavax.net.ssl.trustStore=FILE)", t);
        }
        if (hasCause(t, NoInitialContextException.class)) {
            return ConsoleException.unreachable("this Java runtime lacks the RMI naming provider (module "
                    + "jdk.naming.rmi): run the console with the java of a full JDK", t);
        }
        if (hasCause(t, UnknownHostException.class)) {
            return ConsoleException.unreachable("unknown host in " + where, t);
        }
        if (hasCause(t, ConnectException.class) || hasCause(t, java.rmi.ConnectException.class)) {
            return ConsoleException.unreachable("cannot connect to " + where + ": connection refused (is the JVM "
                    + "running with -Dcom.sun.management.jmxremote.port=PORT?)", t);
        }
        if (hasCause(t, ConnectIOException.class) && String.valueOf(rootMessage(t)).contains("non-JRMP")) {
            return ConsoleException.unreachable("cannot connect to " + where + ": it does not speak plain RMI "
                    + "(does it need --ssl?)", t);
        }
        if (hasCause(t, NameNotFoundException.class) || hasCause(t, ServiceUnavailableException.class)) {
            return ConsoleException.unreachable("no JMX agent at " + where + ": " + rootMessage(t), t);
        }
        return ConsoleException.unreachable("cannot connect to " + where + ": " + rootMessage(t), t);
    }

    private static boolean isRegistered(JMXConnector connector, ObjectName name, TargetAddress target)
            throws ConsoleException {
        try {
            return connector.getMBeanServerConnection().isRegistered(name);
        } catch (SecurityException e) {
            close(connector);
            throw ConsoleException.denied(target.describe() + " refused access: " + e.getMessage(), e);
        } catch (IOException e) {
            close(connector);
            throw ConsoleException.unreachable("lost the connection to " + target.describe() + ": " + rootMessage(e), e);
        }
    }

    private static MBeanServerConnection server(JMXConnector connector, TargetAddress target) throws ConsoleException {
        try {
            return connector.getMBeanServerConnection();
        } catch (IOException e) {
            close(connector);
            throw ConsoleException.unreachable("lost the connection to " + target.describe() + ": " + rootMessage(e), e);
        }
    }

    private static ObjectName objectName(String name) throws ConsoleException {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw ConsoleException.failed("tempguard registered its MBean under a malformed name '" + name + "'");
        }
    }

    private static void close(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to release
        }
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    /** The innermost message, which usually says what really happened ("Connection refused"). */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }

    private Connector() {
    }
}
