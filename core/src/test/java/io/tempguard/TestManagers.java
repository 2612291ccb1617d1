package io.tempguard;

import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared fixtures: the standard test configuration and small file helpers. */
final class TestManagers {
    private TestManagers() {
    }

    /**
     * One root, no JMX, no shutdown hook, no background reconcile or byte refresh. No crash journal and no orphan
     * sweep either: both default to the shared {@code <java.io.tmpdir>/.tempguard}, and a test must
     * neither leave files there nor sweep what other processes left.
     */
    static TempFileManagerConfig.Builder config(Path root) {
        return TempFileManagerConfig.builder()
                .roots(root)
                .jmx(false)
                .shutdownCleanup(false)
                .reconcileInterval(Duration.ZERO)
                .bytesRefreshInterval(Duration.ZERO)
                .journal(false)
                .sweepOnStart(false);
    }

    static TempFileManager create(Path root) {
        return TempFileManager.create(config(root).build());
    }

    static TempFileManager create(Path root, TestClock clock) {
        return TempFileManager.create(config(root).clock(clock).build());
    }

    /** What the agent feeds {@code m} through: the SPI's observer, as the agent obtains it. */
    static HostObserver host(TempFileManager m) {
        return AgentSpi.observer(m);
    }

    /** Writes exactly {@code size} bytes to {@code file} (created or truncated) and returns it. */
    static Path writeBytes(Path file, int size) throws IOException {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte) ('a' + i % 26);
        Files.write(file, data);
        return file;
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** Every path under {@code dir} (not {@code dir} itself), without following links. */
    static List<Path> contents(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<TrackedPath> tracked(TempFileManager m, Path p) {
        return m.listTracked(Integer.MAX_VALUE).stream().filter(t -> t.path().equals(p)).findFirst();
    }

    static PathKind kindOf(TempFileManager m, Path p) {
        return tracked(m, p).map(TrackedPath::kind)
                .orElseThrow(() -> new AssertionError(p + " is not tracked"));
    }

    /** createdTotal == trackedFiles + trackedDirectories + deletedTotal + releasedTotal + skippedCount. */
    static void assertInvariant(TempFileStats s) {
        assertEquals(s.createdTotal(),
                s.trackedFiles() + s.trackedDirectories() + s.deletedTotal() + s.releasedTotal() + s.skippedCount(),
                () -> "createdTotal must equal tracked + deleted + released + skipped: " + s);
    }
}
