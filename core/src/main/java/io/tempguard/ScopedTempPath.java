package io.tempguard;

import io.tempguard.internal.cleanup.CleanupResultBuilder;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tracked temp file or directory that is deleted (recursively, safely) when closed: the Java
 * form of a {@code finally} block that removes a work directory.
 *
 * <pre>{@code
 * try (ScopedTempPath work = manager.newTempDirectory("job-")) {
 *     process(work.path());
 * } // deleted here; if that fails it stays tracked and is retried at the next cleanup
 * }</pre>
 *
 * {@link #close()} never throws: a path that cannot be deleted is logged and stays tracked.
 */
public final class ScopedTempPath implements AutoCloseable {
    private final TempFileManager manager;
    private final Path path;
    private final PathKind kind;
    private final AtomicBoolean closed = new AtomicBoolean();

    ScopedTempPath(TempFileManager manager, Path path, PathKind kind) {
        this.manager = manager;
        this.path = path;
        this.kind = kind;
    }

    public Path path() { return path; }

    public PathKind kind() { return kind; }

    /** Deletes the path now; a second call does nothing. Returns what the deletion did. */
    public CleanupResult delete() {
        if (!closed.compareAndSet(false, true)) return new CleanupResultBuilder(false).build();
        return manager.deleteNow(path);
    }

    @Override
    public void close() {
        delete();
    }

    @Override
    public String toString() {
        return "ScopedTempPath[" + kind + " " + path + (closed.get() ? ", closed" : "") + ']';
    }
}
