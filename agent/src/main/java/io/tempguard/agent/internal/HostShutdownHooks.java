package io.tempguard.agent.internal;

import io.tempguard.internal.spi.AgentSpi;
import org.slf4j.Logger;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The host's application shutdown hooks, so the agent's shutdown cleanup can let them finish
 * before it deletes temp files they may still write or move. The JDK keeps them in
 * {@code java.lang.ApplicationShutdownHooks.hooks}; the agent opens {@code java.lang} to its own
 * isolated module only, and keeps the map itself (the JDK clears the field, not the map, when
 * shutdown begins).
 */
final class HostShutdownHooks implements Supplier<Collection<Thread>> {
    private static final Logger LOG = AgentSpi.logger(HostShutdownHooks.class);

    private final Class<?> owner;
    private final Map<?, ?> hooks;

    private HostShutdownHooks(Class<?> owner, Map<?, ?> hooks) {
        this.owner = owner;
        this.hooks = hooks;
    }

    /** The host's hooks, or null if this JDK keeps them differently (the cleanup then does not wait). */
    static HostShutdownHooks find(Instrumentation instrumentation) {
        try {
            Class<?> owner = Class.forName("java.lang.ApplicationShutdownHooks");
            instrumentation.redefineModule(Object.class.getModule(), Collections.emptySet(), Collections.emptyMap(),
                    Collections.singletonMap("java.lang", Collections.singleton(HostShutdownHooks.class.getModule())),
                    Collections.emptySet(), Collections.emptyMap());
            Field field = owner.getDeclaredField("hooks");
            field.setAccessible(true);
            Object map = field.get(null);
            return map instanceof Map ? new HostShutdownHooks(owner, (Map<?, ?>) map) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("tempguard: cannot see the host's shutdown hooks ({}); the shutdown cleanup will not wait for them",
                    e.toString());
            return null;
        }
    }

    @Override
    public Collection<Thread> get() {
        synchronized (owner) { // ApplicationShutdownHooks.add/remove are static synchronized
            Collection<Thread> threads = new ArrayList<>();
            for (Object key : hooks.keySet()) {
                if (key instanceof Thread) threads.add((Thread) key);
            }
            return threads;
        }
    }
}
