package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether {@code creationTime()} is a real birth time on a device. Where the file system or JDK
 * cannot report one, the JDK returns the last-modified time instead, which changes on every
 * write; comparing it would make an ordinary temp file look replaced.
 *
 * <p>Answered without a file where it can be: a directory whose creation time differs from its
 * modification time has a real one (the fallback is that very modification time), and a
 * directory's modification time moves with every entry made or removed in it after it was made,
 * so the directory at hand almost always tells. Only where it cannot (a fallback file system, or a
 * directory whose entries all came within its first clock tick) is the device probed once, with a
 * scratch file whose modification time is set far into the past. That file is named for this
 * process and the probe removes those of dead processes in the same directory
 * ({@link ProbeFiles}): one left by a JVM killed mid-probe does not stay for good.
 *
 * <p>Never runs on the host's path: only cleanup, reconcile and sweeps ask.
 */
public final class BirthTimeSupport {
    private static final FileTime PROBE_TIME = FileTime.fromMillis(946_684_800_000L); // 2000-01-01
    /** One probe file per process at a time, so a kill leaves at most one per process. */
    private static final Object PROBING = new Object();
    private final ConcurrentHashMap<Long, Boolean> byDevice = new ConcurrentHashMap<>();

    /** Whether creation times read in {@code dir} (on {@code device}) are real birth times; false when unsure. */
    public boolean reliable(long device, SecureDirectoryStream<Path> dir) {
        if (device == FileIdentity.UNKNOWN) return false;
        Boolean known = byDevice.get(device);
        if (known != null) return known;
        if (creationTimeIsNotModificationTime(device, dir)) {
            byDevice.putIfAbsent(device, Boolean.TRUE);
            return true;
        }
        Boolean probed = probe(dir);
        if (probed == null) return false; // could not probe here (read-only?): ask again elsewhere
        byDevice.putIfAbsent(device, probed);
        return probed;
    }

    /** True when the open directory {@code dir}, on {@code device}, shows a creation time that is not its modification time. */
    private static boolean creationTimeIsNotModificationTime(long device, SecureDirectoryStream<Path> dir) {
        try {
            BasicFileAttributes own = FsAttributes.fstat(dir);
            return FileIdentity.of(own).device() == device && !own.creationTime().equals(own.lastModifiedTime());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Boolean probe(SecureDirectoryStream<Path> dir) {
        synchronized (PROBING) {
            Path name = ProbeFiles.fresh();
            try {
                Set<OpenOption> options = new HashSet<>();
                options.add(StandardOpenOption.CREATE_NEW);
                options.add(StandardOpenOption.WRITE);
                options.add(LinkOption.NOFOLLOW_LINKS);
                dir.newByteChannel(name, options).close();
                UserPrincipal user = null;
                Boolean real;
                try {
                    BasicFileAttributeView view = dir.getFileAttributeView(name, BasicFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS);
                    view.setTimes(PROBE_TIME, null, null);
                    real = !view.readAttributes().creationTime().equals(PROBE_TIME);
                    user = ownerOf(dir, name);
                } finally {
                    dir.deleteFile(name);
                }
                if (user != null) ProbeFiles.removeLeftovers(dir, user);
                return real;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    private static UserPrincipal ownerOf(SecureDirectoryStream<Path> dir, Path name) {
        try {
            return ProbeFiles.attributes(dir, name).owner();
        } catch (IOException | RuntimeException e) {
            return null; // no owner to compare: leftovers stay
        }
    }
}
