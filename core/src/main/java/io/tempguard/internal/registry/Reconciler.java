package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.TrackedPath;
import io.tempguard.internal.OwnOperations;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.SafeDeleter;
import io.tempguard.internal.log.Logs;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Brings the registry in step with the disk: drops what the host removed without tempguard
 * seeing it, and refreshes sizes (one {@code lstat} per file, or a walk when measuring). Every
 * read is made without following links, and marked as tempguard's own file work.
 */
public final class Reconciler {
    private static final Logger LOG = Logs.get(Reconciler.class);

    private final Registry registry;
    private final SafeDeleter deleter;

    public Reconciler(Registry registry, SafeDeleter deleter) {
        this.registry = registry;
        this.deleter = deleter;
    }

    /**
     * Drops tracked paths that no longer exist or whose name now belongs to another file, and
     * refreshes file sizes. One {@code lstat} per tracked path. Returns how many were dropped.
     */
    public long reconcile() {
        long dropped = 0;
        OwnOperations.enter();
        try {
            for (Entry e : registry.entries()) {
                BasicFileAttributes attrs;
                try {
                    attrs = FsAttributes.lstat(e.path());
                } catch (NoSuchFileException gone) {
                    if (registry.remove(e, Registry.Removal.RELEASED)) dropped++;
                    continue;
                } catch (IOException unreadable) {
                    continue; // cannot tell: keep it
                }
                if (!e.identity().matches(FileIdentity.of(attrs), false)) {
                    if (registry.remove(e, Registry.Removal.RELEASED)) dropped++;
                } else if (attrs.isRegularFile()) {
                    registry.updateSize(e, attrs.size());
                }
            }
        } finally {
            OwnOperations.exit();
        }
        if (dropped > 0) LOG.debug("tempguard: reconcile dropped {} paths the host removed", dropped);
        return dropped;
    }

    /**
     * Up to {@code limit} tracked paths, oldest first, ages taken at {@code nowMillis}. The size of
     * each listed file is read afresh (which also updates the registry's bytes); a directory shows
     * its size as last {@linkplain #measureAll() measured}.
     */
    public List<TrackedPath> listFresh(int limit, long nowMillis) {
        if (limit <= 0) return Collections.emptyList();
        List<TrackedPath> list = new ArrayList<>(Math.min(limit, 1024));
        for (Entry e : registry.oldestFirst()) {
            if (list.size() >= limit) break;
            if (e.kind() == PathKind.FILE) refreshSize(e);
            list.add(new TrackedPath(e.path(), e.kind(), e.size(), Instant.ofEpochMilli(e.trackedAtMillis()),
                    Duration.ofMillis(Math.max(0, nowMillis - e.trackedAtMillis())),
                    e.site() == null ? "" : e.site().toString()));
        }
        return list;
    }

    private void refreshSize(Entry e) {
        try {
            BasicFileAttributes attrs = FsAttributes.lstat(e.path());
            if (attrs.isRegularFile() && e.identity().matches(FileIdentity.of(attrs), false)) {
                registry.updateSize(e, attrs.size());
            }
        } catch (IOException gone) {
            // reported as last measured; reconcile drops it
        }
    }

    /**
     * Walks every tracked path (directories recursively, without following links or leaving the
     * device) and records its true size. Returns the registry's new byte count. Costs a disk walk.
     */
    public long measureAll() {
        // A tracked file inside a tracked directory counts once: as itself, not again in the directory.
        Predicate<Path> trackedFile = new Predicate<Path>() {
            @Override
            public boolean test(Path path) {
                Entry inner = registry.get(path);
                return inner != null && inner.kind() == PathKind.FILE;
            }
        };
        OwnOperations.enter();
        try {
            for (Entry e : registry.entries()) {
                long size = deleter.measure(e.path(), e.identity(), trackedFile);
                if (size >= 0) registry.updateSize(e, size);
            }
        } finally {
            OwnOperations.exit();
        }
        return registry.bytes();
    }
}
