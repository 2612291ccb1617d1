package io.tempguard.bench.cost;

import java.util.List;

/** One run of {@link RegistryScaleChild}, shared by the heap and the stats rows of one table. */
final class RegistryScale {
    private static BenchJvm.Run run;

    private RegistryScale() {
    }

    static synchronized BenchJvm.Run run() throws Exception {
        if (run == null) {
            run = BenchJvm.run(List.of("-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"), RegistryScaleChild.class.getName());
        }
        return run;
    }

    static String jdk() {
        return "JDK " + Runtime.version().feature() + ", SerialGC, compressed oops";
    }
}
