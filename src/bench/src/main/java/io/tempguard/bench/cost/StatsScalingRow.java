package io.tempguard.bench.cost;

import java.util.Locale;

/** {@code stats()} with 1,000,000 tracked against the same manager with 1,000 tracked, in one child JVM. */
public final class StatsScalingRow implements CostRow {
    @Override
    public String figure() {
        return "stats() at 1k vs 1M tracked";
    }

    @Override
    public String target() {
        return "stays O(1) (<= 2x)";
    }

    @Override
    public Measurement measure() throws Exception {
        String out = RegistryScale.run().output();
        double small = BenchJvm.value(out, "stats1kNanos");
        double large = BenchJvm.value(out, "stats1mNanos");
        double ratio = large / small;
        return new Measurement(String.format(Locale.ROOT, "%.3f us", large / 1000), String.format(Locale.ROOT,
                "%.3f us at 1k", small / 1000), ratio, ratio <= 2, RegistryScale.jdk() + "; best of 5 x 200,000 calls");
    }
}
