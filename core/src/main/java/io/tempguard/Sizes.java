package io.tempguard;

import java.util.Locale;

/** Human-readable byte counts (binary units), shared by logs, JMX summaries and the console. */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    /** 0 B, 512 B, 1.5 KiB, 3.4 MiB ... */
    public static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    private Sizes() {
    }
}
