package io.tempguard;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 9: every duration setting is checked against the range it is used in, and the
 * error names the limit; durations too long for {@link Duration} are a parse error, not an overflow.
 */
class DurationRangesTest {

    private static void assertOutOfRange(String setting, String limit, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(setting + " "), e.getMessage());
        assertTrue(e.getMessage().contains("is out of range: " + limit), "'" + limit + "' in: " + e.getMessage());
    }

    @Test
    void shutdownTimeoutAcceptsOneMillisecondToOneHour() {
        TempFileManagerConfig.Builder b = TempFileManagerConfig.builder();
        assertEquals(Duration.ofMillis(1), b.shutdownTimeout(Duration.ofMillis(1)).build().shutdownTimeout());
        assertEquals(Duration.ofHours(1), b.shutdownTimeout(Duration.ofHours(1)).build().shutdownTimeout());
        // The value: it overflowed Duration.toNanos at exit, and nothing was cleaned up.
        assertOutOfRange("shutdownTimeout", "at most 1h00m", () -> b.shutdownTimeout(Duration.ofDays(106752)));
        assertOutOfRange("shutdownTimeout", "at most 1h00m", () -> b.shutdownTimeout(Duration.ofHours(1).plusNanos(1)));
        assertOutOfRange("shutdownTimeout", "at least 1ms", () -> b.shutdownTimeout(Duration.ofNanos(999_999)));
        assertOutOfRange("shutdownTimeout", "at least 1ms", () -> b.shutdownTimeout(Duration.ZERO));
        assertOutOfRange("shutdownTimeout", "at least 1ms", () -> b.shutdownTimeout(Duration.ofSeconds(-1)));
        assertOutOfRange("shutdownTimeout", "at most 1h00m",
                () -> b.shutdownTimeout(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
    }

    @Test
    void reconcileIntervalAcceptsZeroOrOneHundredMillisecondsToSevenDays() {
        TempFileManagerConfig.Builder b = TempFileManagerConfig.builder();
        assertEquals(Duration.ZERO, b.reconcileInterval(Duration.ZERO).build().reconcileInterval());
        assertEquals(Duration.ofMillis(100), b.reconcileInterval(Duration.ofMillis(100)).build().reconcileInterval());
        assertEquals(Duration.ofDays(7), b.reconcileInterval(Duration.ofDays(7)).build().reconcileInterval());
        assertOutOfRange("reconcileInterval", "at least 100ms", () -> b.reconcileInterval(Duration.ofMillis(99)));
        assertOutOfRange("reconcileInterval", "at least 100ms", () -> b.reconcileInterval(Duration.ofNanos(1)));
        assertOutOfRange("reconcileInterval", "at least 100ms", () -> b.reconcileInterval(Duration.ofMillis(-1)));
        assertOutOfRange("reconcileInterval", "at most 7d00h", () -> b.reconcileInterval(Duration.ofDays(7).plusMillis(1)));
        assertOutOfRange("reconcileInterval", "at most 7d00h", () -> b.reconcileInterval(Duration.ofDays(106752)));
    }

    @Test
    void parseRejectsWhatDurationCannotHoldAsABadValue() {
        for (String text : new String[] {"9223372036854775807d", "9223372036854775807m", "99999999999999999999s",
                "9223372036854775807s1s", "106751991167301d"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text), text);
            assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
        }
        assertEquals(Duration.ofDays(106752), Durations.parse("106752d"), "long but representable: the range check decides");
    }

    @Test
    void humanFormatsEvenTheLongestDuration() {
        assertEquals("106752d00h", Durations.human(Duration.ofDays(106752)));
        assertTrue(Durations.human(Duration.ofSeconds(Long.MAX_VALUE)).endsWith("h"));
    }

    @Test
    void cleanupOlderThanAHugeAgeDeletesNothingInsteadOfOverflowing(@org.junit.jupiter.api.io.TempDir Path root)
            throws Exception {
        try (TempFileManager m = TempFileManager.create(TestManagers.config(root).build())) {
            Path f = m.createTempFile(root, "f-", ".bin");
            assertEquals(0, m.cleanupOlderThan(Duration.ofSeconds(Long.MAX_VALUE)).deletedCount());
            assertEquals(0, m.previewCleanup(Duration.ofDays(106752 * 1000L)).deletedCount());
            assertTrue(m.isTracked(f));
            assertEquals(1, m.cleanupOlderThan(Duration.ZERO).deletedCount());
        }
    }
}
