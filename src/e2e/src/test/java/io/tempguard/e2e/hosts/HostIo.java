package io.tempguard.e2e.hosts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** What every waiting host does: tell the parent it is ready, then block until the parent says go on. */
final class HostIo {
    private static final BufferedReader STDIN =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    /** Prints {@code marker} and waits for one line on stdin (the parent's go-ahead). */
    static String readyThenWait(String marker) throws IOException {
        System.out.println(marker);
        System.out.flush();
        String line = STDIN.readLine();
        if (line == null) throw new IOException("stdin closed while waiting after " + marker);
        return line;
    }

    private HostIo() {
    }
}
