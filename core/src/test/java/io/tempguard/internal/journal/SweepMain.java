package io.tempguard.internal.journal;

import io.tempguard.OrphanSweep;
import io.tempguard.SweepResult;

import java.nio.file.Paths;

/** A child JVM's main: sweeps the journal directory {@code args[0]} and prints the result. */
public final class SweepMain {
    public static void main(String[] args) {
        SweepResult r = OrphanSweep.sweep(Paths.get(args[0]), false);
        System.out.println("swept=" + r.journalsSwept() + " setAside=" + r.journalsSetAside() + " deleted="
                + r.paths().deletedCount() + " failed=" + r.paths().failureCount() + " problems=" + r.problems());
    }

    private SweepMain() {
    }
}
