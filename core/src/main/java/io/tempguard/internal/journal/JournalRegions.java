package io.tempguard.internal.journal;

import java.io.IOException;

/**
 * How big the journal's two log regions are, so that the file stays proportional to the live set:
 * a new region is twice the live records' bytes (in steps of {@link JournalWriter#INITIAL_REGION}),
 * and it is compacted in place while the live records fill between a quarter and two thirds of it;
 * outside that band the journal is rewritten with a region sized anew. So right after any
 * compaction a region is at most 4 times the live records plus one step, and at least 1.5 times
 * them (at least a third of a region is log, not copies: compaction costs little per record). The
 * file (header and two regions) is thus at most 8 times the live records' bytes plus 64 KiB and
 * the header; while entries only accumulate, at most 4 times.
 * (Doubling a region of four times the live records once made 200,000 live paths a 268 MB file.)
 */
final class JournalRegions {
    private static final int STEP = JournalWriter.INITIAL_REGION;

    /** The region size for {@code liveBytes} of live records. */
    static int forLive(long liveBytes) throws IOException {
        long region = Math.max(STEP, (liveBytes * 2 + STEP - 1) / STEP * STEP);
        if (region > Integer.MAX_VALUE / 4) throw new IOException("journal would exceed its size limit");
        return (int) region;
    }

    /** Whether {@code needed} bytes of live records (and the next record) are compacted within a region of {@code region}. */
    static boolean compactsInPlace(long needed, int region) {
        boolean fits = needed * 3 <= region * 2L;
        boolean farTooBig = region > STEP && needed * 4 < region;
        return fits && !farTooBig;
    }

    /** The size of a journal file with a header of {@code headerLength} and two regions of {@code region}. */
    static long fileSize(int headerLength, int region) {
        return JournalFormat.firstRegion(headerLength) + 2L * region;
    }

    /**
     * Where the active region of a journal file ends, if the file has the writer's layout (two
     * equal regions, in steps of the writer's, the log starting at one of them); -1 otherwise (a
     * sweeper's rewrite, a truncated file, a version 2 journal). Only up to there may a reader look
     * for records past damage: the other region holds the log from before the last compaction.
     */
    static long activeRegionEnd(int headerLength, int logStart, long fileSize) {
        long first = JournalFormat.firstRegion(headerLength);
        long both = fileSize - first;
        if (both <= 0 || both % (2L * STEP) != 0) return -1;
        long region = both / 2;
        if (logStart == first) return first + region;
        if (logStart == first + region) return fileSize;
        return -1;
    }

    private JournalRegions() {
    }
}
