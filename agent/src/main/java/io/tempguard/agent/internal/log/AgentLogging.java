package io.tempguard.agent.internal.log;

import io.tempguard.agent.internal.AgentOptions;
import io.tempguard.internal.spi.AgentSpi;
import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.util.function.Function;

/** Points tempguard's logging at {@link AgentLogger}; runs before any other tempguard class logs. */
public final class AgentLogging {
    private static final int OFF = Integer.MAX_VALUE;

    public static void configure(AgentOptions.LogLevel level) {
        int threshold = threshold(level);
        AgentSpi.useLoggers(new Function<String, Logger>() {
            @Override
            public Logger apply(String name) {
                return new AgentLogger(name, threshold);
            }
        });
    }

    private static int threshold(AgentOptions.LogLevel level) {
        switch (level) {
            case OFF: return OFF;
            case ERROR: return Level.ERROR.toInt();
            case WARN: return Level.WARN.toInt();
            case INFO: return Level.INFO.toInt();
            default: return Level.DEBUG.toInt();
        }
    }

    private AgentLogging() {
    }
}
