package io.tempguard.demo;

import java.nio.file.Files;

/** A host for {@link ConsoleJarTest}: creates two temp files, prints "READY", then waits for stdin to end. */
public final class TwoFilesHost {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 2; i++) Files.write(Files.createTempFile("two-", ".bin"), new byte[100]);
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait until the test closes stdin or kills us
        }
    }

    private TwoFilesHost() {
    }
}
