package io.tempguard.e2e.hosts;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates one temp file in each directory it is given ({@code Files.createTempFile(dir, ...)}),
 * prints {@code FILE path} for each and {@code done}; then, with first argument {@code wait},
 * prints {@code READY} and waits for a line on stdin; with {@code exit} it returns at once.
 */
public final class RootsHost {
    public static void main(String[] args) throws Exception {
        for (int i = 1; i < args.length; i++) {
            System.out.println("FILE " + Files.createTempFile(Path.of(args[i]), "in-root-", ".tmp"));
        }
        System.out.println("done");
        if (args[0].equals("wait")) HostIo.readyThenWait("READY");
    }

    private RootsHost() {
    }
}
