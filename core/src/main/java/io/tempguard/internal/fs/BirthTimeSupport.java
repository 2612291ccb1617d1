package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.OpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether {@code creationTime()} is a real birth time on a device. Where the file system or JDK
 * cannot report one, the JDK returns the last-modified time instead, which changes on every
 * write; comparing it would make an ordinary temp file look replaced. Probed once per device with
 * a scratch file whose modification time is set far into the past.
 *
 * <p>Never runs on the host's path: only cleanup, reconcile and sweeps ask.
 */
public final class BirthTimeSupport {
    private static final FileTime PROBE_TIME = FileTime.fromMillis(946_684_800_000L); // 2000-01-01
    private final ConcurrentHashMap<Long, Boolean> byDevice = new ConcurrentHashMap<>();

    /** Whether creation times read in {@code dir} (on {@code device}) are real birth times; false when unsure. */
    public boolean reliable(long device, SecureDirectoryStream<Path> dir) {
        if (device == FileIdentity.UNKNOWN) return false;
        Boolean known = byDevice.get(device);
        if (known != null) return known;
        Boolean probed = probe(dir);
        if (probed == null) return false; // could not probe here (read-only?): ask again elsewhere
        byDevice.putIfAbsent(device, probed);
        return probed;
    }

    private static Boolean probe(SecureDirectoryStream<Path> dir) {
        Path name = Paths.get(".tempguard-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Set<OpenOption> options = new HashSet<>();
            options.add(StandardOpenOption.CREATE_NEW);
            options.add(StandardOpenOption.WRITE);
            options.add(LinkOption.NOFOLLOW_LINKS);
            try (SeekableByteChannel ignored = dir.newByteChannel(name, options)) {
                // created
            }
            try {
                BasicFileAttributeView view = dir.getFileAttributeView(name, BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setTimes(PROBE_TIME, null, null);
                return !view.readAttributes().creationTime().equals(PROBE_TIME);
            } finally {
                dir.deleteFile(name);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
