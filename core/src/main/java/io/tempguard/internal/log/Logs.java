package io.tempguard.internal.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Where tempguard's loggers come from. As a library it uses the host's SLF4J binding. The agent
 * installs its own factory before any tempguard class logs, so that inside someone else's JVM
 * tempguard never runs SLF4J's provider discovery (which reads the host's system properties and
 * may print to the host's stderr) and never touches the host's logging configuration.
 */
public final class Logs {
    private static volatile Function<String, Logger> factory;

    public static Logger get(Class<?> type) {
        Function<String, Logger> f = factory;
        return f != null ? f.apply(type.getName()) : LoggerFactory.getLogger(type);
    }

    /** Replaces the logger source; must run before the first tempguard class is initialised. */
    public static void useFactory(Function<String, Logger> loggerFactory) {
        factory = loggerFactory;
    }

    private Logs() {
    }
}
