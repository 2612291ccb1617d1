package io.tempguard.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a bulk cleanup, on one thread, during which the crash journal may hold back its
 * removal records and write them at {@link #end()} in one write. WHY: a cleanup of a hundred
 * thousand files made one write per removal, as many system calls as the unlinks themselves.
 * Holding a removal back is safe: until it is written the journal lists a path that is gone,
 * which a sweep finds gone or, if the name was reused meanwhile, refuses by its identity; a
 * registration is never held back. Outside a batch every removal is written at once, as before.
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
