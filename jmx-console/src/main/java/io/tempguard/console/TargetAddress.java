package io.tempguard.console;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import javax.management.remote.JMXServiceURL;
import java.net.MalformedURLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target command talks to: the pid of a local JVM (reached through the Attach API and its
 * local management agent) or a remote JMX agent ({@code host:port} or a {@code service:jmx:} URL).
 */
final class TargetAddress {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");

    private final long pid;
    private final JMXServiceURL url;
    private final String text;

    private TargetAddress(long pid, JMXServiceURL url, String text) {
        this.pid = pid;
        this.url = url;
        this.text = text;
    }

    /** Parses a pid, {@code host:port} or {@code service:jmx:...}; the message of a failure says what is accepted. */
    static TargetAddress parse(String text) {
        String s = text.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            long pid;
            try {
                pid = Long.parseLong(s);
            } catch (NumberFormatException e) {
                pid = 0;
            }
            if (pid <= 0) throw new TypeConversionException("'" + text + "' is not a process id");
            return new TargetAddress(pid, null, s);
        }
        if (s.startsWith("service:jmx:")) {
            try {
                return new TargetAddress(0, new JMXServiceURL(s), s);
            } catch (MalformedURLException e) {
                throw new TypeConversionException("'" + text + "' is not a valid JMX service URL (" + e.getMessage()
                        + "); expected e.g. service:jmx:rmi:///jndi/rmi://host:9010/jmxrmi");
            }
        }
        Matcher m = HOST_PORT.matcher(s);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw new TypeConversionException("'" + text + "': port " + port + " is out of range 1-65535");
            }
            try {
                return new TargetAddress(0, new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + m.group(1) + ":" + port
                        + "/jmxrmi"), s);
            } catch (MalformedURLException e) {
                throw new TypeConversionException("'" + text + "' is not a valid host:port (" + e.getMessage() + ")");
            }
        }
        throw new TypeConversionException("'" + text + "' is not a target: give the pid of a local JVM (see: "
                + "tempguard-console jvms), host:port of a remote JMX agent, or a service:jmx: URL");
    }

    boolean isLocal() {
        return url == null;
    }

    long pid() {
        return pid;
    }

    JMXServiceURL url() {
        return url;
    }

    /** How messages name the target: "JVM 1234" or the address as given. */
    String describe() {
        return isLocal() ? "JVM " + pid : text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** picocli converter: a bad target is a usage error (exit 2). */
    static final class Converter implements ITypeConverter<TargetAddress> {
        @Override
        public TargetAddress convert(String value) {
            return parse(value);
        }
    }
}
