package io.tempguard.bench.cost;

import java.util.Locale;

/**
 * Heap per tracked path at 1,000,000 tracked, the path included: a child JVM's heap after full
 * collections with 1,000 paths tracked and with 1,000,000, the difference divided by the paths.
 * An absolute figure: its ratio is measured / target.
 */
public final class HeapPerPathRow implements CostRow {
    static final double TARGET_BYTES = 120;

    @Override
    public String figure() {
        return "heap per tracked path at 1,000,000 tracked, the Path itself included";
    }

    @Override
    public String target() {
        return "<= 120 B";
    }

    @Override
    public Measurement measure() throws Exception {
        double bytes = BenchJvm.value(RegistryScale.run().output(), "bytesPerPath");
        return new Measurement(String.format(Locale.ROOT, "%.0f B", bytes), "absolute (ratio = measured / 120 B)",
                bytes / TARGET_BYTES, bytes <= TARGET_BYTES,
                RegistryScale.jdk() + "; names like createTempFile's (25 bytes) in 100 parents; journal keeps no per-path heap");
    }
}
