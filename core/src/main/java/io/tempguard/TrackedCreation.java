package io.tempguard;

import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.log.Logs;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.spi.HostObservations;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Objects;

/**
 * The facade's temp file and directory creation: only in a directory the roots manage (checked
 * before anything is created), each path tracked as soon as it exists. The caller checks that the
 * manager is open.
 */
final class TrackedCreation {
    /** The facade's logger: these lines have always been {@link TempFileManager}'s. */
    private static final Logger LOG = Logs.get(TempFileManager.class);

    private final Roots roots;
    private final HostObservations observations;

    TrackedCreation(Roots roots, HostObservations observations) {
        this.roots = roots;
        this.observations = observations;
    }

    /** In the default temp directory, which must be managed. */
    Path file(String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        requireDefaultTempDirectoryManaged();
        return tracked(Files.createTempFile(prefix, suffix, attrs), PathKind.FILE);
    }

    /** In {@code dir}, which must be managed. */
    Path file(Path dir, String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        requireManagedDirectory(dir);
        return tracked(Files.createTempFile(dir, prefix, suffix, attrs), PathKind.FILE);
    }

    /** In the default temp directory, which must be managed. */
    Path directory(String prefix, FileAttribute<?>... attrs) throws IOException {
        requireDefaultTempDirectoryManaged();
        return tracked(Files.createTempDirectory(prefix, attrs), PathKind.DIRECTORY);
    }

    /** In {@code dir}, which must be managed. */
    Path directory(Path dir, String prefix, FileAttribute<?>... attrs) throws IOException {
        requireManagedDirectory(dir);
        return tracked(Files.createTempDirectory(dir, prefix, attrs), PathKind.DIRECTORY);
    }

    private void requireManagedDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        roots.requireManagedDirectory(Registry.key(dir));
    }

    private void requireDefaultTempDirectoryManaged() {
        roots.requireDefaultTempDirectory(TempFileManagerConfig.defaultTempDirectory());
    }

    private Path tracked(Path created, PathKind expected) {
        try {
            observations.track(Registry.key(created), FsAttributes.lstat(created));
        } catch (IOException e) {
            // Deleted between creation and this read: nothing to track; the caller still gets its path.
            LOG.debug("tempguard: {} {} vanished before it could be tracked: {}", expected, created, e.toString());
        }
        return created;
    }
}
