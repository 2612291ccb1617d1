package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates and deletes temp files on a thread whose interrupt flag is set (a cancelled task that
 * finishes its clean-up, say): the JDK calls do not care about the flag, so the agent's work inside
 * them must not either, and must leave the flag as it was. Prints {@code KEPT path} for the files
 * it keeps, whether the flag survived, {@code READY}, waits, exits normally.
 *
 * <p>Argument: how many temp files to create and delete.
 */
public final class InterruptedHost {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Thread.currentThread().interrupt();
        for (int i = 0; i < n; i++) {
            Path p = Files.createTempFile("interrupted-thread-with-a-long-name-", ".tmp");
            if (i % 2 == 0) Files.delete(p);
            else if (!p.toFile().delete()) throw new IllegalStateException("could not delete " + p);
        }
        Path kept = Files.createTempFile("interrupted-kept-", ".tmp");
        File keptToo = File.createTempFile("interrupted-kept-", ".tmp");
        keptToo.deleteOnExit();
        boolean stillInterrupted = Thread.interrupted(); // reads and clears, so the wait below works
        System.out.println("KEPT " + kept);
        System.out.println("KEPT " + keptToo);
        System.out.println("interrupt flag kept: " + stillInterrupted);
        HostIo.readyThenWait("READY");
    }

    private InterruptedHost() {
    }
}
