package io.tempguard.bench.cost;

import java.util.List;

/**
 * Runs every {@link CostRow} in one run and prints the README's cost table (Markdown), each
 * figure as a ratio against the baseline measured beside it:
 * {@code java -cp src/bench/target/tempguard-bench.jar io.tempguard.bench.cost.CostTable}.
 */
public final class CostTable {
    private CostTable() {
    }

    /** Every row, in the README's order. Each performance change adds its rows here. */
    static List<CostRow> rows() {
        List<CostRow> rows = new java.util.ArrayList<>(DeletionRows.rows());
        rows.addAll(List.of(new HeapPerPathRow(), new StartupRow(), new StatsScalingRow(), new HotPathRow()));
        rows.addAll(CaptureCostRows.all()); // issue 11: capture
        return List.copyOf(rows);
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"));
        System.out.println("| figure | measured | baseline | ratio | target | met | note |");
        System.out.println("|---|---|---|---|---|---|---|");
        // -Dtempguard.cost.rows=0,2 runs only those rows (by index), e.g. to look at one again.
        String only = System.getProperty("tempguard.cost.rows");
        List<CostRow> all = rows();
        for (int i = 0; i < all.size(); i++) {
            if (only != null && !java.util.Arrays.asList(only.split(",")).contains(Integer.toString(i))) continue;
            CostRow row = all.get(i);
            CostRow.Measurement m;
            try {
                m = row.measure();
            } catch (Exception e) {
                System.out.printf("| %s | failed: %s | | | %s | no | |%n", row.figure(), e, row.target());
                continue;
            }
            System.out.printf("| %s | %s | %s | %.2fx | %s | %s | %s |%n", row.figure(), m.measured(), m.baseline(),
                    m.ratio(), row.target(), m.met() ? "yes" : "no", m.note());
        }
    }
}
