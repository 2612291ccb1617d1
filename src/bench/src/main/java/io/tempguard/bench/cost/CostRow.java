package io.tempguard.bench.cost;

/**
 * One row of the README's cost table: one figure measured against its baseline in the same run.
 * {@link CostTable} runs every row in one go and prints each as a ratio, so the table is always
 * from one run on one machine.
 */
public interface CostRow {
    /** The figure, as the README's table names it, e.g. "cleanupAll() of 100,000 files in 100 directories vs rm -rf". */
    String figure();

    /** The target, as the issue states it, e.g. "<= 1.0x". */
    String target();

    /** Runs the measurement and its baseline (both in this run) and returns them. */
    Measurement measure() throws Exception;

    /**
     * What one row measured. {@code ratio} is measured / baseline (lower is better) unless the row
     * is an absolute figure (heap bytes per path, added start-up ms), which says so in its
     * {@code baseline} text; {@code met} says whether the target holds; {@code note} says where it
     * ran (tmpfs or java.io.tmpdir, JDK) and, for a missed target, why.
     */
    record Measurement(String measured, String baseline, double ratio, boolean met, String note) {
    }
}
