package io.tempguard.internal.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Remembers which problems of an orphaned journal were already reported, so that a path no sweep
 * can delete (an immutable file, a tree too deep) is reported once, not by every JVM that starts
 * after it. Kept beside the journal as {@code <journal>.reported}: a fingerprint of the problem
 * lines, owner-only like the journal. A changed problem set is reported again.
 */
final class ReportedProblems {
    static final String SUFFIX = ".reported";

    private ReportedProblems() {
    }

    static Path fileOf(Path journal) {
        return journal.resolveSibling(journal.getFileName() + SUFFIX);
    }

    /** A fingerprint of {@code lines}, independent of their order. */
    static String fingerprint(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        Collections.sort(sorted);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : sorted) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : sha.digest()) hex.append(String.format("%02x", b & 0xFF));
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(sorted.hashCode()); // every JDK has SHA-256; never reached
        }
    }

    /** Whether {@code fingerprint} is what was last reported for {@code journal}. */
    static boolean alreadyReported(Path journal, String fingerprint) {
        Path file = fileOf(journal);
        try {
            if (Files.isSymbolicLink(file) || Files.size(file) > 256) return false;
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim().equals(fingerprint);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Records {@code fingerprint} as reported; failing that, the problem is only reported again. */
    static void remember(Path journal, String fingerprint) {
        Path file = fileOf(journal);
        Path next = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(next);
            try {
                Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(next);
            } catch (FileAlreadyExistsException raced) {
                return;
            }
            Files.write(next, fingerprint.getBytes(StandardCharsets.UTF_8), LinkOption.NOFOLLOW_LINKS);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(next);
            } catch (IOException ignored) {
                // a stray file of a few bytes; the next remember replaces it
            }
        }
    }

    /** Forgets {@code journal}'s problems (it is gone, or has none left). */
    static void forget(Path journal) {
        try {
            Files.deleteIfExists(fileOf(journal));
        } catch (IOException ignored) {
            // a few bytes left behind; harmless
        }
    }
}
