package io.tempguard.internal.fs;

/** What {@link SafeDeleter} did with one tracked path. */
public final class DeleteOutcome {
    public enum Status {
        /** Deleted (or, in a dry run, would be deleted). */
        DELETED,
        /** Nothing there any more: done. */
        ALREADY_GONE,
        /** Not deleted for safety: the name belongs to another file now, or the path left the roots. */
        SKIPPED,
        /** A delete was attempted and failed; the path may be partly deleted and stays tracked. */
        FAILED
    }

    private final Status status;
    private final long bytes;
    private final String reason;

    private DeleteOutcome(Status status, long bytes, String reason) {
        this.status = status;
        this.bytes = bytes;
        this.reason = reason;
    }

    static DeleteOutcome deleted(long bytes) { return new DeleteOutcome(Status.DELETED, bytes, null); }

    static DeleteOutcome alreadyGone() { return new DeleteOutcome(Status.ALREADY_GONE, 0, null); }

    static DeleteOutcome skipped(String reason) { return new DeleteOutcome(Status.SKIPPED, 0, reason); }

    static DeleteOutcome failed(long bytesFreedBeforeFailure, String reason) {
        return new DeleteOutcome(Status.FAILED, bytesFreedBeforeFailure, reason);
    }

    public Status status() { return status; }

    /** Bytes of regular files removed (or that would be), including those removed before a failure. */
    public long bytes() { return bytes; }

    /** Why it was skipped or failed; null otherwise. */
    public String reason() { return reason; }

    @Override
    public String toString() {
        return status + (reason != null ? " (" + reason + ")" : "") + ", " + bytes + " bytes";
    }
}
