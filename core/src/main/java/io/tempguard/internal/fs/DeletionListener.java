package io.tempguard.internal.fs;

import java.nio.file.Path;

/**
 * Told of each path a {@link SafeDeleter} removed, so that tracked paths which went with a deleted
 * directory can leave the registry.
 */
public interface DeletionListener {
    /** {@code path} (the tracked spelling) was removed. */
    void deleted(Path path);

    /**
     * Whether the files (all but directories) removed directly inside {@code directory} are to be
     * reported; directories always are. WHY: a tree of
     * 100,000 files usually holds no other tracked path, and naming each file only to hear that
     * costs as much as unlinking it; a listener that knows the directory holds nothing it tracks
     * says so once per directory.
     */
    default boolean wantsEntriesOf(Path directory) {
        return true;
    }
}
