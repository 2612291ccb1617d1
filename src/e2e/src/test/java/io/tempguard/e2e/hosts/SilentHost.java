package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * An ordinary program that goes through every intercepted method (the six creations, both deletes,
 * deleteIfExists, deleteOnExit) and prints only its own, fixed lines.
 */
public final class SilentHost {
    public static void main(String[] args) throws Exception {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        Path a = Files.createTempFile("silent-", ".tmp");
        Path b = Files.createTempFile(tmp, "silent-", ".tmp");
        Path c = Files.createTempDirectory("silent-");
        Path d = Files.createTempDirectory(tmp, "silent-");
        File e = File.createTempFile("silent-", ".tmp");
        File f = File.createTempFile("silent-", ".tmp", tmp.toFile());
        Files.write(a, "hello".getBytes());
        Files.createFile(c.resolve("inside.txt"));
        System.out.println("created 6 temp paths");
        Files.delete(b);
        System.out.println("deleted: " + e.delete() + " " + Files.deleteIfExists(d) + " " + Files.deleteIfExists(d));
        f.deleteOnExit();
        System.out.println("still there: " + Files.exists(a) + " " + Files.exists(c) + " " + f.exists());
        System.out.println("done");
    }

    private SilentHost() {
    }
}
