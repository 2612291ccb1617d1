package io.tempguard.e2e.hosts;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A long-running host that monitoring engines watch: creates {@code args[0]} temp files and
 * {@code args[1]} temp directories, prints what it made, waits for the parent's go-ahead, exits.
 */
public final class FleetHost {
    public static void main(String[] args) throws Exception {
        int files = Integer.parseInt(args[0]);
        int dirs = Integer.parseInt(args[1]);
        for (int i = 0; i < files; i++) Files.write(Files.createTempFile("fleet-", ".tmp"), new byte[100]);
        for (int i = 0; i < dirs; i++) {
            Path dir = Files.createTempDirectory("fleet-");
            if (!Files.isDirectory(dir)) throw new AssertionError(dir);
        }
        HostIo.readyThenWait("created " + files + " files and " + dirs + " directories");
        System.out.println("done");
    }

    private FleetHost() {
    }
}
