package io.tempguard.agent.internal.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintStream;

/**
 * The agent's own SLF4J logger: one line per message on the host's stderr, at or above the
 * threshold set by the {@code log} option (default warn, so a healthy agent prints nothing).
 * Stack traces only at debug. It never reads or changes the host's logging configuration.
 */
final class AgentLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final int threshold;

    AgentLogger(String name, int threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    @Override
    public boolean isTraceEnabled() { return enabled(Level.TRACE); }

    @Override
    public boolean isDebugEnabled() { return enabled(Level.DEBUG); }

    @Override
    public boolean isInfoEnabled() { return enabled(Level.INFO); }

    @Override
    public boolean isWarnEnabled() { return enabled(Level.WARN); }

    @Override
    public boolean isErrorEnabled() { return enabled(Level.ERROR); }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        PrintStream err = System.err;
        StringBuilder line = new StringBuilder(message.length() + 32).append('[').append(level).append("] ");
        // Messages already start with "tempguard"; keep the line greppable when one does not.
        if (!message.startsWith("tempguard")) line.append("tempguard: ");
        line.append(message);
        if (t != null && threshold > Level.DEBUG.toInt()) line.append(" (").append(t).append(')');
        err.println(line);
        if (t != null && threshold <= Level.DEBUG.toInt()) t.printStackTrace(err);
    }
}
