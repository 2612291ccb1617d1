package io.tempguard.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a bulk cleanup, on one thread, at whose {@link #end()} the crash journal writes the
 * removal records it held back, in one write. The journal holds every removal back until its next
 * write (see {@code JournalWriter}); a batch makes sure a cleanup's removals are on disk when the
 * cleanup returns, not only at the next maintenance pass. Holding a removal back is safe: until
 * it is written the journal lists a path that is gone, which a sweep finds gone or, if the name
 * was reused meanwhile, refuses by its identity; a registration is never held back.
 */
public final class RemovalBatch {
    /** Something that held records back for the batch and writes them when it ends. */
    public interface Deferring {
        void writeDeferred();
    }

    private static final ThreadLocal<RemovalBatch> CURRENT = new ThreadLocal<RemovalBatch>();
    private final List<Deferring> deferring = new ArrayList<>(2);

    private RemovalBatch() {
    }

    /** Starts a batch on this thread; null if one is already open (the outer one ends it). */
    public static RemovalBatch begin() {
        if (CURRENT.get() != null) return null;
        RemovalBatch batch = new RemovalBatch();
        CURRENT.set(batch);
        return batch;
    }

    /** The batch open on this thread, or null. */
    public static RemovalBatch current() {
        return CURRENT.get();
    }

    /** Asks to be told when the batch ends. */
    public void defer(Deferring d) {
        if (!deferring.contains(d)) deferring.add(d);
    }

    /** Ends the batch and has every deferring party write what it held back. */
    public void end() {
        CURRENT.remove();
        for (Deferring d : deferring) d.writeDeferred();
    }
}
