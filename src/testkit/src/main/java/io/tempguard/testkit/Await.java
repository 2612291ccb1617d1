package io.tempguard.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline, for what another process does in its own time. */
public final class Await {

    /**
     * Polls {@code condition} every 50 ms until it holds; fails after {@code max} with {@code what}
     * and the {@code state} then (e.g. the children's output).
     */
    public static void until(Duration max, String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + max.toMillis() + " ms in vain for " + what + "\n" + state.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private Await() {
    }
}
