package io.tempguard;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgtp]?)(i?b)?");

    /**
     * Parses a byte count as operators write it: plain bytes ({@code 1048576}) or a number with a
     * binary unit {@code k}, {@code m}, {@code g}, {@code t}, {@code p} (case-insensitive, an
     * optional {@code b} or {@code ib} after it: {@code 10k}, {@code 512MB}, {@code 2GiB}).
     *
     * @throws IllegalArgumentException naming the accepted forms (negative, fractional or too large values included)
     */
    public static long parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) throw badSize(text);
        int shift = "kmgtp".indexOf(m.group(2).isEmpty() ? "-" : m.group(2)) + 1;
        if (m.group(2).isEmpty() && m.group(3) != null && m.group(3).equals("ib")) throw badSize(text);
        try {
            long n = Long.parseLong(m.group(1));
            if (shift > 0 && n > (Long.MAX_VALUE >> (10 * shift))) throw badSize(text);
            return n << (10 * shift);
        } catch (NumberFormatException tooLong) {
            throw badSize(text);
        }
    }

    private static IllegalArgumentException badSize(String text) {
        return new IllegalArgumentException("'" + text + "' is not a size; use bytes or a binary unit, e.g. 4096, 10k, "
                + "512m, 2g (k = 1024 bytes)");
    }

    private Sizes() {
    }
}
