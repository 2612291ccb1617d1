package io.tempguard.internal.threshold;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Free space on the file system of one root, as a {@code statfs} reports it (space this JVM's user
 * may still use, not the superuser's reserve). One system call per root; no disk walk.
 */
public final class FreeSpace {
    private final Path root;
    private final long freeBytes;
    private final long totalBytes;

    private FreeSpace(Path root, long freeBytes, long totalBytes) {
        this.root = root;
        this.freeBytes = freeBytes;
        this.totalBytes = totalBytes;
    }

    /** The root whose file system has the smallest share free, or null if none can be read. */
    public static FreeSpace fullest(List<Path> roots) {
        return worst(roots, null);
    }

    /**
     * The root that is worst off against {@code limit}: the smallest share free for a percentage,
     * the fewest bytes free for a size (or the smallest share when {@code limit} is null).
     */
    static FreeSpace worst(List<Path> roots, FreeSpaceLimit limit) {
        boolean byBytes = limit != null && !limit.isPercent();
        FreeSpace worst = null;
        for (Path root : roots) {
            File dir = root.toFile();
            long total = dir.getTotalSpace(); // 0 when the root does not exist or cannot be read
            if (total <= 0) continue;
            FreeSpace f = new FreeSpace(root, dir.getUsableSpace(), total);
            if (worst == null || (byBytes ? f.freeBytes < worst.freeBytes : f.percent() < worst.percent())) worst = f;
        }
        return worst;
    }

    public Path root() { return root; }

    public long freeBytes() { return freeBytes; }

    public long totalBytes() { return totalBytes; }

    /** Free share in percent, 0 to 100. */
    public double percent() { return 100.0 * freeBytes / totalBytes; }
}
