package io.tempguard.internal.threshold;

import io.tempguard.Sizes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crossings with hysteresis: one change of state per excursion, whatever the value does inside the band. */
class ThresholdsTest {
    @TempDir
    Path root;

    private final List<Thresholds.Crossing> told = new ArrayList<>();

    private Thresholds thresholds(long files, long bytes, String free) {
        Thresholds t = new Thresholds(List.of(root), files, bytes, FreeSpaceLimit.parse(free));
        t.setListener(told::add);
        return t;
    }

    private String kinds() {
        StringBuilder b = new StringBuilder();
        for (Thresholds.Crossing c : told) b.append(c.threshold()).append(c.exceeded() ? "+" : "-").append(' ');
        return b.toString().trim();
    }

    @Test
    void aFileCountCrossesOnceAndRecoversOnlyBelowNinetyPercent() {
        Thresholds t = thresholds(10, 0, "0");
        for (long n : new long[] {0, 5, 10}) t.evaluate(n, 0);
        assertEquals("", kinds(), "at the limit is not above it");
        for (long n : new long[] {11, 12, 10, 11, 30}) t.evaluate(n, 0);
        assertEquals("warnTrackedFiles+", kinds(), "10 is above 90% of the limit: still exceeded");
        assertEquals(List.of("warnTrackedFiles"), t.exceeded());
        Thresholds.Crossing c = told.get(0);
        assertEquals(11, c.value());
        assertEquals(10, c.limit());
        assertTrue(c.message().contains("warnTrackedFiles exceeded"), c.message());
        t.evaluate(9, 0);
        t.evaluate(0, 0);
        assertEquals("warnTrackedFiles+ warnTrackedFiles-", kinds());
        assertEquals(List.of(), t.exceeded());
        assertEquals(9, told.get(1).value());
    }

    @Test
    void bytesAndTopSitesAndALimitTurnedOffWhileExceededRecovers() {
        Thresholds t = thresholds(0, Sizes.parse("1m"), "0");
        t.setTopSites(() -> new String[] {"com.example.Spill.write(Spill.java:12)"});
        t.evaluate(1_000_000, 2 << 20);
        assertEquals("warnTrackedBytes+", kinds(), "files unlimited at 0");
        assertArrayEquals(new String[] {"com.example.Spill.write(Spill.java:12)"}, told.get(0).topSites());
        t.setBytesLimit(0);
        t.evaluate(0, 2 << 20);
        assertEquals("warnTrackedBytes+ warnTrackedBytes-", kinds());
    }

    @Test
    void freeSpaceBelowALimitIsExceededAndRecoversWhenTheLimitAllowsIt() {
        // No file system has an exabyte free: exceeded. One byte free is always there: recovered.
        Thresholds t = thresholds(0, 0, (1L << 60) + "");
        t.evaluate(0, 0);
        assertEquals("warnFreeSpace+", kinds());
        assertEquals(1L << 60, told.get(0).limit());
        assertTrue(told.get(0).value() < 1L << 60);
        t.setFreeLimit(FreeSpaceLimit.parse("1"));
        t.evaluate(0, 0);
        assertEquals("warnFreeSpace+ warnFreeSpace-", kinds());
    }

    @Test
    void badLimitsAreRefusedWithTheOptionAndTheAcceptedForms() {
        Thresholds t = thresholds(0, 0, "0");
        assertEquals("warnTrackedFiles must be 0 (off) or a positive limit, was -1",
                assertThrows(IllegalArgumentException.class, () -> t.setFilesLimit(-1)).getMessage());
        for (String bad : new String[] {"100%", "-5%", "ten", "5x", "0.5.1%", "-1"}) {
            String msg = assertThrows(IllegalArgumentException.class, () -> FreeSpaceLimit.parse(bad)).getMessage();
            assertEquals("warnFreeSpace '" + bad + "' is not a free-space limit; use a percentage above 0 and below 100 "
                    + "(e.g. 10%), a size (e.g. 2g, 512m), or 0 for off", msg);
        }
        assertEquals("12.5%", FreeSpaceLimit.parse(" 12.50% ").toString());
        assertEquals(250, FreeSpaceLimit.parse("25%").bytesOn(1000));
        assertEquals(2L << 30, FreeSpaceLimit.parse("2g").bytesOn(1000));
        assertTrue(FreeSpaceLimit.parse("0").isOff());
    }

    @Test
    void sizesAreParsedInBinaryUnits() {
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(10 * 1024, Sizes.parse("10k"));
        assertEquals(512L << 20, Sizes.parse("512M"));
        assertEquals(2L << 30, Sizes.parse("2GiB"));
        assertEquals(3L << 40, Sizes.parse("3tb"));
        for (String bad : new String[] {"", "-1", "1.5g", "2x", "99999999999999999999", "9000000p", "ib"}) {
            assertEquals("'" + bad + "' is not a size; use bytes or a binary unit, e.g. 4096, 10k, 512m, 2g (k = 1024 "
                    + "bytes)", assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad)).getMessage(), bad);
        }
    }
}
