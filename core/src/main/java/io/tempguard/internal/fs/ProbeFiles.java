package io.tempguard.internal.fs;

import io.tempguard.internal.journal.ProcessIdentity;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names of {@link BirthTimeSupport}'s scratch files, and the removal of those their process
 * left behind. A probe file exists for microseconds, but a JVM killed (or halted by an exit cut
 * short) in that window leaves it: so its name says whose it is,
 * {@code .tempguard-probe-<pid>-<start ms>-<random hex>} (pid plus start time, as pids are reused;
 * the random part keeps the name unguessable, so nobody can take it first), and each probe in a
 * directory also removes the probe files there of processes that no longer run. Probes are
 * serialized (one at a time per copy of tempguard in a process), so between two probes in a
 * directory only the processes killed mid-probe in that window can leave one: they cannot pile up.
 * Probing itself is rare ({@link BirthTimeSupport} asks the directory first).
 *
 * <p>A left probe file is removed only if, read without following links, it is an empty regular
 * file of the prober's own user, named for a process that is not running (pid and start time), and
 * still the same file (identity) just before the unlink, which is by name in the open directory
 * handle. Names of the older random form ({@code .tempguard-probe-<hex>}) say nothing of their
 * owner and are left alone. A process of another pid namespace sharing the directory looks dead
 * here: removing its probe file mid-probe only makes that one probe unsure (asked again later).
 */
final class ProbeFiles {
    static final String PREFIX = ".tempguard-probe-";

    // The journal's own notion of a process (pid plus start time, matched to the second), so that
    // probe files and journals agree on who is alive.
    private static final long PID = ProcessIdentity.current().pid();
    private static final long START_MILLIS = ProcessIdentity.current().startMillis();

    /** A fresh probe file name of this process. */
    static Path fresh() {
        return Paths.get(nameFor(PID, START_MILLIS, ThreadLocalRandom.current().nextLong()));
    }

    static String nameFor(long pid, long startMillis, long random) {
        return PREFIX + pid + "-" + startMillis + "-" + Long.toHexString(random);
    }

    /**
     * Removes the probe files in {@code dir} left by processes of {@code user} that no longer run;
     * returns their names. Lists the directory through a handle of its own (the caller's may be in
     * the middle of its one iteration). Failures leave the file: it is only a stray empty file.
     */
    static List<Path> removeLeftovers(SecureDirectoryStream<Path> dir, UserPrincipal user) {
        List<Path> removed = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        try (SecureDirectoryStream<Path> listing = dir.newDirectoryStream(Paths.get("."), LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : listing) {
                Path name = entry.getFileName();
                if (name != null && name.toString().startsWith(PREFIX)) candidates.add(name);
            }
        } catch (IOException | RuntimeException e) {
            return removed;
        }
        for (Path name : candidates) {
            long[] owner = parse(name.toString());
            if (owner == null || (owner[0] == PID && owner[1] == START_MILLIS)) continue;
            try {
                PosixFileAttributes seen = attributes(dir, name);
                if (!seen.isRegularFile() || seen.size() != 0 || !user.equals(seen.owner())) continue;
                if (running(owner[0], owner[1])) continue;
                // The decision was about the file seen above: delete the name only if it still is that file.
                if (!sameFile(seen, attributes(dir, name))) continue;
                dir.deleteFile(name);
                removed.add(name);
            } catch (NoSuchFileException gone) {
                // removed by another prober meanwhile
            } catch (IOException | RuntimeException e) {
                // left for a later probe
            }
        }
        return removed;
    }

    /** The pid and start time a probe file name carries; null for any other name. */
    static long[] parse(String name) {
        if (!name.startsWith(PREFIX)) return null;
        String[] parts = name.substring(PREFIX.length()).split("-", -1);
        if (parts.length != 3 || !of(parts[0], "0123456789", 18) || !of(parts[1], "0123456789", 18)
                || !of(parts[2], "0123456789abcdef", 16)) {
            return null;
        }
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** Whether {@code s} is 1 to {@code max} characters, all from {@code allowed}. */
    private static boolean of(String s, String allowed, int max) {
        if (s.isEmpty() || s.length() > max) return false;
        for (int i = 0; i < s.length(); i++) if (allowed.indexOf(s.charAt(i)) < 0) return false;
        return true;
    }

    /** Whether a process with this pid and start time runs (when its start time cannot be read: assume so). */
    static boolean running(long pid, long startMillis) {
        return new ProcessIdentity(pid, startMillis).isRunning();
    }

    static PosixFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
    }

    private static boolean sameFile(PosixFileAttributes a, PosixFileAttributes b) {
        return a.fileKey() != null && Objects.equals(a.fileKey(), b.fileKey())
                && a.creationTime().equals(b.creationTime()) && b.isRegularFile() && b.size() == 0
                && a.owner().equals(b.owner());
    }

    private ProbeFiles() {
    }
}
