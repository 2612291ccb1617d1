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
    /** Faults before {@link #countIn} (while the manager starts), handed on to it then. */
    private long uncounted;

    /** Where faults are counted from now on; those reported before are counted there too. */
    synchronized void countIn(HostObserver observer) {
        for (; uncounted > 0; uncounted--) observer.recordAgentError();
        this.counter = observer;
    }

    private void count() {
        HostObserver c = counter;
        if (c != null) {
            c.recordAgentError();
            return;
        }
        synchronized (this) {
            if (counter == null) {
                uncounted++;
                return;
            }
        }
        counter.recordAgentError();
    }

    /** Same as {@link #report}: lets the transformer, which knows no agent internals, report too. */
    @Override
    public void accept(String where, Throwable t) {
        report(where, t);
    }

    void report(String where, Throwable t) {
        try {
            count();
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
