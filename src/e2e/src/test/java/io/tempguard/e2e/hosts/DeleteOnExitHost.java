package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Asks for {@code File.deleteOnExit} on a temp file, then changes what is at that path; exits
 * normally. Everything happens in {@code java.io.tmpdir}. Prints {@code TEMP path} and {@code done}.
 *
 * <p>Argument, the case: {@code plain} (nothing more); {@code movedOver} (another file is moved
 * over it); {@code recreated} (deleted, then a new file written at the name); {@code movedAway}
 * (moved to {@code kept.txt}, then a new file written at the name); {@code inDirectory} (a plain
 * directory is marked first, the temp file inside it second, then another file is moved over the
 * temp file: the JDK deletes in reverse order, the file first, so the directory is empty when its turn comes).
 */
public final class DeleteOnExitHost {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        File dir = tmp.toFile();
        if (mode.equals("inDirectory")) {
            dir = Files.createDirectory(tmp.resolve("marked-dir")).toFile();
            dir.deleteOnExit();
        }
        // Files.createTempFile: the old agent took deleteOnExit over for paths it tracked this way.
        File temp = Files.createTempFile(dir.toPath(), "marked-", ".tmp").toFile();
        Files.write(temp.toPath(), "the temp file".getBytes(StandardCharsets.UTF_8));
        temp.deleteOnExit();
        Path t = temp.toPath();
        switch (mode) {
            case "plain":
                break;
            case "movedOver":
            case "inDirectory":
                Path other = Files.write(tmp.resolve("other.txt"), "moved over".getBytes(StandardCharsets.UTF_8));
                Files.move(other, t, StandardCopyOption.REPLACE_EXISTING);
                break;
            case "recreated":
                if (!temp.delete()) throw new IllegalStateException("could not delete " + t);
                Files.write(t, "recreated".getBytes(StandardCharsets.UTF_8));
                break;
            case "movedAway":
                Files.move(t, tmp.resolve("kept.txt"));
                Files.write(t, "recreated".getBytes(StandardCharsets.UTF_8));
                break;
            default:
                throw new IllegalArgumentException(mode);
        }
        System.out.println("TEMP " + t);
        System.out.println("done");
    }

    private DeleteOnExitHost() {
    }
}
