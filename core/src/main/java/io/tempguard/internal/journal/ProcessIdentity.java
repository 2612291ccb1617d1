package io.tempguard.internal.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as a journal names it: pid plus start time, because pids are reused and, in
 * containers sharing a temp directory, repeated across pid namespaces.
 */
public final class ProcessIdentity {
    private static final ProcessIdentity CURRENT = current0();

    private final long pid;
    private final long startMillis;

    public ProcessIdentity(long pid, long startMillis) {
        this.pid = pid;
        this.startMillis = startMillis;
    }

    public static ProcessIdentity current() {
        return CURRENT;
    }

    private static ProcessIdentity current0() {
        ProcessHandle self = ProcessHandle.current();
        Optional<Instant> start = self.info().startInstant();
        return new ProcessIdentity(self.pid(), start.isPresent() ? start.get().toEpochMilli() : System.currentTimeMillis());
    }

    public long pid() { return pid; }

    public long startMillis() { return startMillis; }

    /**
     * Whether a process with this pid and (to the second) this start time runs in this pid
     * namespace now. A lock that can be taken says the owner is gone; this is the second opinion
     * the sweeper asks before it deletes anything.
     */
    public boolean isRunning() {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (!handle.isPresent() || !handle.get().isAlive()) return false;
        Optional<Instant> start = handle.get().info().startInstant();
        if (!start.isPresent()) return true; // cannot tell: assume it is the same process
        return Math.abs(start.get().toEpochMilli() - startMillis) < 1000;
    }

    /** {@code <pid>-<startMillis>}, the stem of the journal's file name. */
    public String fileStem() {
        return pid + "-" + startMillis;
    }

    @Override
    public String toString() {
        return "pid " + pid + " started " + Instant.ofEpochMilli(startMillis);
    }
}
