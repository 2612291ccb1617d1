package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes temp files and moves them to their final place outside the temp directory (Files.move and
 * File.renameTo), creates temp files directly in an output directory outside the temp directory,
 * and keeps one ordinary temp file. Prints {@code KIND path} lines, {@code READY}, waits, exits.
 *
 * <p>Argument: the output directory.
 */
public final class MoveHost {
    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);

        Path part = Files.createTempFile("report-", ".part");
        Files.write(part, "moved with Files.move".getBytes(StandardCharsets.UTF_8));
        Path moved = Files.move(part, out.resolve("report.txt"));
        System.out.println("TEMP " + part);
        System.out.println("FINAL " + moved);

        File part2 = File.createTempFile("export-", ".part");
        Files.write(part2.toPath(), "moved with File.renameTo".getBytes(StandardCharsets.UTF_8));
        File renamed = new File(out.toFile(), "export.txt");
        if (!part2.renameTo(renamed)) throw new IllegalStateException("renameTo failed");
        System.out.println("TEMP " + part2);
        System.out.println("FINAL " + renamed);

        Path unmanaged = Files.createTempFile(out, "direct-", ".txt");
        Files.write(unmanaged, "created with Files.createTempFile(outputDir)".getBytes(StandardCharsets.UTF_8));
        System.out.println("UNMANAGED " + unmanaged);
        File unmanaged2 = File.createTempFile("direct-", ".txt", out.toFile());
        Files.write(unmanaged2.toPath(), "created with File.createTempFile(outputDir)".getBytes(StandardCharsets.UTF_8));
        System.out.println("UNMANAGED " + unmanaged2);

        Path scratch = Files.createTempFile("scratch-", ".tmp");
        System.out.println("SCRATCH " + scratch);

        HostIo.readyThenWait("READY");
    }

    private MoveHost() {
    }
}
