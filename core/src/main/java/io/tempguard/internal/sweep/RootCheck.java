package io.tempguard.internal.sweep;

import io.tempguard.internal.fs.BirthTimeSupport;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.fs.RootDirectory;
import io.tempguard.internal.journal.JournalRoot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whether a journal's root is still the directory its owner worked in. A root that has become a
 * symbolic link, or another directory at the same path, would lead the sweep to delete, under the
 * listed names, files that were never tracked: such a root is refused and nothing under it deleted.
 * The root is opened without following links and its identity read from the opened handle.
 */
final class RootCheck {
    private final BirthTimeSupport birthTimes;

    RootCheck(BirthTimeSupport birthTimes) {
        this.birthTimes = birthTimes;
    }

    /** Null when what lies under {@code root} may be swept; otherwise why not, naming the root. */
    String refusal(JournalRoot root) {
        Path path = root.path();
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return null; // nothing left under it: every listed path will be found gone
        } catch (IOException e) {
            return "root " + path + " cannot be examined (" + e + ")";
        }
        if (own.isSymbolicLink() && !root.wasLink()) {
            return "root " + path + " is now a symbolic link" + target(path) + "; refusing it";
        }
        if (!own.isSymbolicLink() && !own.isDirectory()) return "root " + path + " is no longer a directory; refusing it";
        if (root.identity() == null) return null; // a version-2 journal: no identity to compare
        try (DirectoryStream<Path> dir = open(root)) {
            FileIdentity now;
            boolean compareBirth = false;
            if (dir instanceof SecureDirectoryStream) {
                SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) dir;
                now = FileIdentity.of(secure.getFileAttributeView(BasicFileAttributeView.class).readAttributes());
                compareBirth = birthTimes.reliable(now.device(), secure);
            } else {
                now = FileIdentity.of(Files.readAttributes(path, BasicFileAttributes.class));
            }
            if (!root.identity().matches(now, compareBirth)) {
                return "root " + path + " is another directory now (recorded " + root.identity() + ", found " + now
                        + "); refusing it";
            }
            return null;
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException | RuntimeException e) {
            return "root " + path + " cannot be opened as the recorded directory (" + e + "); refusing it";
        }
    }

    /**
     * The root's directory, opened without following the root's own name (unless it was recorded
     * as a link, as a temp directory configured through a link is). Opening by path, not through
     * the parent, needs only search permission above the root, as the owner itself needed.
     */
    private static DirectoryStream<Path> open(JournalRoot root) throws IOException {
        Path path = root.path();
        if (root.wasLink()) return Files.newDirectoryStream(path);
        try {
            return RootDirectory.open(path, null);
        } catch (UnsupportedOperationException notSecure) {
            return Files.newDirectoryStream(path);
        }
    }

    private static String target(Path link) {
        try {
            return " (to " + Files.readSymbolicLink(link) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
