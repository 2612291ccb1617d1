package io.tempguard.e2e.hosts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host that keeps creating and deleting temp files on a thread of its own (Files.createTempFile,
 * Files.delete) while the test breaks its journal. On stdin: {@code keep N} creates N temp files
 * that stay ("kept-*.tmp", answered by {@code KEPT total}); {@code alive} answers
 * {@code ALIVE iterations errors}; {@code exit} stops the loop and exits normally.
 */
public final class JournalFaultHost {
    public static void main(String[] args) throws Exception {
        AtomicLong iterations = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Thread loop = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Files.delete(Files.createTempFile("loop-", ".tmp"));
                    iterations.incrementAndGet();
                } catch (IOException e) {
                    errors.incrementAndGet(); // a full disk may refuse a file: the host's own business
                }
            }
        }, "create-delete-loop");
        loop.start();
        int kept = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("keep ")) {
                int n = Integer.parseInt(line.substring(5));
                for (int i = 0; i < n; i++) Files.createTempFile("kept-", ".tmp");
                kept += n;
                System.out.println("KEPT " + kept);
            } else if (line.equals("alive")) {
                System.out.println("ALIVE " + iterations.get() + " " + errors.get());
            } else if (line.equals("exit")) {
                break;
            }
        }
        loop.interrupt();
        loop.join();
        System.out.println("EXITING");
    }

    private JournalFaultHost() {
    }
}
