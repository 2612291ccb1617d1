package io.tempguard.agent.internal;

import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;
import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Where the agent's own faults go: each is counted ({@code AgentErrorCount}) and the first of each
 * kind is logged once; the host's call is never affected.
 */
final class ErrorReporter implements BiConsumer<String, Throwable> {
    private static final Logger LOG = AgentSpi.logger(ErrorReporter.class);
    /** Distinct kinds logged; bounded so a pathological stream of new kinds cannot grow memory. */
    private static final int MAX_KINDS = 64;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile HostObserver counter;

    /** Where faults are counted from now on (before this, they are only logged). */
    void countIn(HostObserver observer) {
        this.counter = observer;
    }

    /** Same as {@link #report}: lets the transformer, which knows no agent internals, report too. */
    @Override
    public void accept(String where, Throwable t) {
        report(where, t);
    }

    void report(String where, Throwable t) {
        try {
            HostObserver c = counter;
            if (c != null) c.recordAgentError();
            String kind = where + '/' + t.getClass().getName();
            if (seen.size() < MAX_KINDS && seen.add(kind)) {
                LOG.warn("tempguard: internal error in {}: {}; the host's call was not affected "
                        + "(further errors of this kind are only counted in AgentErrorCount)", where, t.toString(), t);
            }
        } catch (Throwable ignored) {
            // Reporting must not fail the host either.
        }
    }
}
