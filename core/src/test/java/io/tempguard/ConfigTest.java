package io.tempguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TempFileManagerConfig: defaults and validation. */
class ConfigTest {

    private static void assertRejected(String setting, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(setting),
                "the message must name '" + setting + "': " + e.getMessage());
    }

    @Test
    void nonPositiveShutdownTimeoutIsRejectedNamingTheSetting() {
        assertRejected("shutdownTimeout", () -> TempFileManagerConfig.builder().shutdownTimeout(Duration.ZERO));
        assertRejected("shutdownTimeout", () -> TempFileManagerConfig.builder().shutdownTimeout(Duration.ofSeconds(-1)));
        assertRejected("shutdownTimeout", () -> TempFileManagerConfig.builder().shutdownTimeout(Duration.ofNanos(-1)));
    }

    @Test
    void negativeReconcileIntervalIsRejectedNamingTheSettingButZeroTurnsItOff() {
        assertRejected("reconcileInterval", () -> TempFileManagerConfig.builder().reconcileInterval(Duration.ofMillis(-1)));
        assertEquals(Duration.ZERO,
                TempFileManagerConfig.builder().reconcileInterval(Duration.ZERO).build().reconcileInterval());
    }

    @Test
    void malformedObjectNameIsRejectedNamingTheSetting() {
        assertRejected("objectName", () -> TempFileManagerConfig.builder().objectName("no colon here"));
        assertRejected("objectName", () -> TempFileManagerConfig.builder().objectName("domain:"));
        assertRejected("objectName", () -> TempFileManagerConfig.builder().objectName("io.tempguard:type=a,type=b"));
    }

    @Test
    void theFileSystemRootIsRejectedAsARootHoweverSpelled() {
        assertRejected("roots", () -> TempFileManagerConfig.builder().roots(Paths.get("/")));
        assertRejected("roots", () -> TempFileManagerConfig.builder().roots(Paths.get("/tmp/..")));
        assertRejected("roots", () -> TempFileManagerConfig.builder().roots(List.of(Paths.get("/tmp"), Paths.get("/"))));
    }

    @Test
    void aRejectedValueLeavesTheBuilderUsable() {
        TempFileManagerConfig.Builder b = TempFileManagerConfig.builder().shutdownTimeout(Duration.ofSeconds(3));
        assertThrows(IllegalArgumentException.class, () -> b.shutdownTimeout(Duration.ZERO));
        assertEquals(Duration.ofSeconds(3), b.build().shutdownTimeout());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TempFileManagerConfig c = TempFileManagerConfig.defaults();
        assertEquals(List.of(TempFileManagerConfig.defaultTempDirectory()), c.roots());
        assertEquals(Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize(),
                TempFileManagerConfig.defaultTempDirectory());
        assertTrue(c.shutdownCleanup());
        assertEquals(TempFileManagerConfig.DEFAULT_SHUTDOWN_TIMEOUT, c.shutdownTimeout());
        assertTrue(c.jmxEnabled());
        assertEquals(TempFileManagerConfig.DEFAULT_OBJECT_NAME, c.objectName());
        assertEquals(TempFileManagerConfig.DEFAULT_RECONCILE_INTERVAL, c.reconcileInterval());
        assertFalse(c.backgroundStart());
    }

    @Test
    void rootsAreNormalizedDeduplicatedAndCopied() {
        Path a = Paths.get("/tmp/tempguard-config-test/a");
        TempFileManagerConfig c = TempFileManagerConfig.builder()
                .roots(a, Paths.get("/tmp/tempguard-config-test/x/../a"), Paths.get("relative"))
                .build();
        assertEquals(List.of(a, Paths.get("relative").toAbsolutePath().normalize()), c.roots());
        assertThrows(UnsupportedOperationException.class, () -> c.roots().add(a));
    }

    @Test
    void toBuilderCopiesEverySetting() {
        Clock clock = new TestClock();
        TempFileManagerConfig c = TempFileManagerConfig.builder()
                .roots(Paths.get("/tmp/tempguard-config-test"))
                .shutdownCleanup(false).shutdownTimeout(Duration.ofSeconds(7)).jmx(false)
                .objectName("io.tempguard:type=TempFileManager,name=copy").reconcileInterval(Duration.ofSeconds(9))
                .backgroundStart(true).clock(clock).build();

        TempFileManagerConfig copy = c.toBuilder().build();

        assertEquals(c.roots(), copy.roots());
        assertFalse(copy.shutdownCleanup());
        assertEquals(Duration.ofSeconds(7), copy.shutdownTimeout());
        assertFalse(copy.jmxEnabled());
        assertEquals("io.tempguard:type=TempFileManager,name=copy", copy.objectName());
        assertEquals(Duration.ofSeconds(9), copy.reconcileInterval());
        assertTrue(copy.backgroundStart());
        assertSame(clock, copy.clock());
        assertEquals(c.toString(), copy.toString());
    }
}
