package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code many-<i>.bin} in {@code java.io.tmpdir} (argument 0: how many) and hands each to
 * File.deleteOnExit; makes {@code kept-*.tmp} with Files.createTempFile and does not. Prints
 * {@code KEPT path} and {@code READY}, then exits normally after a line on stdin.
 */
public final class ManyDeleteOnExitHost {
    public static void main(String[] args) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        int count = Integer.parseInt(args[0]);
        byte[] data = new byte[64];
        for (int i = 0; i < count; i++) {
            File f = Files.write(tmp.resolve("many-" + i + ".bin"), data).toFile();
            f.deleteOnExit();
        }
        System.out.println("KEPT " + Files.createTempFile("kept-", ".tmp"));
        HostIo.readyThenWait("READY");
    }

    private ManyDeleteOnExitHost() {
    }
}
