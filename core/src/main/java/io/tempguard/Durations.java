package io.tempguard;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}) and read them ({@code 3m12s}). */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /**
     * Parses {@code 10s}, {@code 1m30s}, {@code 500ms}, {@code 2h}, {@code 1d}; a bare number means seconds.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw bad(text);
        if (allDigits(s)) {
            try {
                return Duration.ofSeconds(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) throw bad(text);
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            try {
                switch (m.group(2)) {
                    case "ms": total = total.plusMillis(n); break;
                    case "s": total = total.plusSeconds(n); break;
                    case "m": total = total.plusMinutes(n); break;
                    case "h": total = total.plusHours(n); break;
                    default: total = total.plusDays(n); break;
                }
            } catch (ArithmeticException tooLong) {
                // Longer than Duration can hold: a bad value, not an internal error (the agent must stay off, not crash).
                throw bad(text);
            }
            end = m.end();
        }
        if (end != s.length()) throw bad(text);
        return total;
    }

    /**
     * Why {@code d} is outside {@code [min, max]}, as "at least 1ms" or "at most 1h", or null
     * when it is inside. Every duration setting checks its range with this, so each error names its limit.
     */
    public static String outOfRange(Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0) return "at least " + human(min);
        if (d.compareTo(max) > 0) return "at most " + human(max);
        return null;
    }

    /** {@code 0s}, {@code 850ms}, {@code 42s}, {@code 3m12s}, {@code 5h03m}, {@code 2d04h}. */
    public static String human(Duration d) {
        long seconds = d.getSeconds(); // not toMillis(): that overflows for the longest durations
        if (seconds < 1) {
            long millis = d.toMillis();
            return millis == 0 ? "0s" : millis + "ms";
        }
        if (seconds < 60) return seconds + "s";
        long minutes = seconds / 60;
        if (minutes < 60) return minutes + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        long hours = minutes / 60;
        if (hours < 24) return hours + "h" + String.format(Locale.ROOT, "%02d", minutes % 60) + "m";
        return hours / 24 + "d" + String.format(Locale.ROOT, "%02d", hours % 24) + "h";
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 500ms, 10s, 5m, 1h30m, 2d");
    }

    private Durations() {
    }
}
