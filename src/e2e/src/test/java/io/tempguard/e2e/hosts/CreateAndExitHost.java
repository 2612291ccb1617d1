package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.file.Files;

/** Creates a temp file (two ways) and a temp directory, prints {@code KIND path} for each, and exits. */
public final class CreateAndExitHost {
    public static void main(String[] args) throws Exception {
        System.out.println("FILE " + Files.createTempFile("plain-", ".tmp"));
        System.out.println("FILE " + File.createTempFile("plain-", ".tmp"));
        System.out.println("DIR " + Files.createTempDirectory("plain-"));
        System.out.println("done");
    }

    private CreateAndExitHost() {
    }
}
