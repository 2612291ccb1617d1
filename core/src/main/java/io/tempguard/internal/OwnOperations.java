package io.tempguard.internal;

/**
 * Marks the threads on which tempguard itself is touching the file system, so that the agent's
 * interception of {@code Files.delete} and friends does not feed tempguard's own deletions back
 * into the registry (no recursion, no double counting).
 */
public final class OwnOperations {
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    /** True while the current thread is inside {@link #enter()}/{@link #exit()}. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    public static void enter() {
        DEPTH.get()[0]++;
    }

    public static void exit() {
        DEPTH.get()[0]--;
    }

    private OwnOperations() {
    }
}
