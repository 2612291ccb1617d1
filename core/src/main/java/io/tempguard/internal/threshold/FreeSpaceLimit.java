package io.tempguard.internal.threshold;

import io.tempguard.Sizes;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The {@code warnFreeSpace} limit: a percentage of a file system's size ({@code 10%}) or a byte
 * count ({@code 2g}); {@code 0} (or empty) turns it off. Immutable.
 */
public final class FreeSpaceLimit {
    public static final FreeSpaceLimit OFF = new FreeSpaceLimit(0, 0, "0");

    private final double percent;
    private final long bytes;
    private final String text;

    private FreeSpaceLimit(double percent, long bytes, String text) {
        this.percent = percent;
        this.bytes = bytes;
        this.text = text;
    }

    /**
     * Parses {@code PERCENT%} (more than 0, less than 100, decimals allowed) or a size
     * ({@link Sizes#parse}); {@code 0} or empty is off.
     *
     * @throws IllegalArgumentException one line naming the value and the accepted forms
     */
    public static FreeSpaceLimit parse(String value) {
        String s = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("0") || s.equals("0%")) return OFF;
        if (s.endsWith("%")) {
            double p;
            try {
                p = new BigDecimal(s.substring(0, s.length() - 1).trim()).doubleValue();
            } catch (NumberFormatException e) {
                throw bad(value);
            }
            if (!(p > 0 && p < 100)) throw bad(value);
            return new FreeSpaceLimit(p, 0, stripZeros(p) + "%");
        }
        long b;
        try {
            b = Sizes.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad(value);
        }
        return b == 0 ? OFF : new FreeSpaceLimit(0, b, s);
    }

    private static String stripZeros(double p) {
        return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    private static IllegalArgumentException bad(String value) {
        return new IllegalArgumentException("warnFreeSpace '" + value + "' is not a free-space limit; use a percentage "
                + "above 0 and below 100 (e.g. 10%), a size (e.g. 2g, 512m), or 0 for off");
    }

    public boolean isOff() { return percent == 0 && bytes == 0; }

    public boolean isPercent() { return percent > 0; }

    /** The limit in bytes on a file system of {@code totalBytes}. */
    public long bytesOn(long totalBytes) {
        return isPercent() ? (long) (totalBytes * (percent / 100.0)) : bytes;
    }

    /** As the operator wrote it, normalized: {@code 10%}, {@code 2g}, {@code 0}. */
    @Override
    public String toString() { return text; }
}
