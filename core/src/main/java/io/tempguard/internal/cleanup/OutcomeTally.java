package io.tempguard.internal.cleanup;

import io.tempguard.internal.fs.DeleteOutcome;

import java.nio.file.Path;

/** Adds one {@link DeleteOutcome} to a result, for the deletions that do not also update a registry. */
public final class OutcomeTally {

    /**
     * @param countBytes false when another walk (an enclosing directory's) already counts these bytes
     */
    public static void add(CleanupResultBuilder result, Path path, DeleteOutcome outcome, boolean countBytes) {
        switch (outcome.status()) {
            case DELETED:
                result.deleted(path);
                if (countBytes) result.bytesFreed(outcome.bytes());
                break;
            case ALREADY_GONE:
                result.alreadyGone();
                break;
            case SKIPPED:
                result.skipped(path, outcome.reason());
                break;
            case FAILED:
                if (countBytes) result.bytesFreed(outcome.bytes());
                result.failed(path, outcome.reason());
                break;
            default:
                throw new AssertionError(outcome.status());
        }
    }

    private OutcomeTally() {
    }
}
