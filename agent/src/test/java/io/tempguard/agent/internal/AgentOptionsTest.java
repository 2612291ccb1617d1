package io.tempguard.agent.internal;

import io.tempguard.SiteRecording;
import io.tempguard.TempFileManagerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every agent option, its accepted values and its bad ones (each bad one: one line naming the option and the range). */
class AgentOptionsTest {

    @Test
    void noOptionsMeanTheDefaults() throws Exception {
        for (String raw : new String[] {null, "", "  ", ",,"}) {
            AgentOptions o = AgentOptions.parse(raw);
            TempFileManagerConfig c = o.managerConfig();
            assertEquals(List.of(TempFileManagerConfig.defaultTempDirectory()), c.roots());
            assertTrue(c.shutdownCleanup());
            assertEquals(TempFileManagerConfig.DEFAULT_SHUTDOWN_TIMEOUT, c.shutdownTimeout());
            assertTrue(c.jmxEnabled());
            assertTrue(o.jmx());
            assertEquals(AgentOptions.LogLevel.WARN, o.logLevel());
            assertEquals(TempFileManagerConfig.DEFAULT_RECONCILE_INTERVAL, c.reconcileInterval());
            assertTrue(c.journal());
            assertEquals(TempFileManagerConfig.defaultJournalDirectory(), c.journalDir());
            assertTrue(c.sweepOnStart());
            assertTrue(c.backgroundStart(), "the agent never makes the host's main thread wait");
            assertEquals(SiteRecording.Mode.SAMPLED, c.siteRecording().mode());
            assertEquals(SiteRecording.DEFAULT_SAMPLE_RATE, c.siteRecording().sampleRate());
            assertEquals(List.of("java.", "javax.", "jdk.", "sun.", "com.sun."), c.siteRecording().excludedPrefixes());
            assertTrue(o.adoptDeleteOnExit(), "File.deleteOnExit inside the roots is taken over by default");
        }
    }

    @Test
    void everyOptionIsHonoured() throws Exception {
        AgentOptions o = AgentOptions.parse(" roots=/srv/a:/srv/b/../c , shutdownCleanup=FALSE,shutdownTimeout=1m30s,"
                + "jmx=false,log=debug,reconcileInterval=0,journal=false,journalDir=/var/tg/./j,sweepOnStart=false,"
                + "adoptDeleteOnExit=False");
        TempFileManagerConfig c = o.managerConfig();
        assertEquals(List.of(Path.of("/srv/a"), Path.of("/srv/c")), c.roots());
        assertFalse(c.shutdownCleanup());
        assertEquals(Duration.ofSeconds(90), c.shutdownTimeout());
        assertFalse(c.jmxEnabled());
        assertFalse(o.jmx());
        assertEquals(AgentOptions.LogLevel.DEBUG, o.logLevel());
        assertEquals(Duration.ZERO, c.reconcileInterval());
        assertFalse(c.journal());
        assertEquals(Path.of("/var/tg/j"), c.journalDir());
        assertFalse(c.sweepOnStart());
        assertFalse(o.adoptDeleteOnExit());
    }

    @Test
    void earlyWarningOptionsReachTheManager() throws Exception {
        TempFileManagerConfig d = AgentOptions.parse("").managerConfig();
        assertEquals(Duration.ofSeconds(10), d.bytesRefreshInterval());
        assertEquals(0, d.warnTrackedFiles());
        assertEquals(0, d.warnTrackedBytes());
        assertEquals("0", d.warnFreeSpace());
        TempFileManagerConfig c = AgentOptions.parse("bytesRefreshInterval=0,warnTrackedFiles=5,warnTrackedBytes=2g,"
                + "warnFreeSpace=10%").managerConfig();
        assertEquals(Duration.ZERO, c.bytesRefreshInterval());
        assertEquals(5, c.warnTrackedFiles());
        assertEquals(2L << 30, c.warnTrackedBytes());
        assertEquals("10%", c.warnFreeSpace());
        assertEquals("512m", AgentOptions.parse("warnFreeSpace=512M").managerConfig().warnFreeSpace());
    }

    @Test
    void siteOptionsAreHonoured() throws Exception {
        SiteRecording s = AgentOptions.parse("sites=ALL,sitesSampleRate=7,sitesExclude=java.: com.example.lib.")
                .managerConfig().siteRecording();
        assertEquals(SiteRecording.Mode.ALL, s.mode());
        assertEquals(7, s.sampleRate());
        assertEquals(List.of("java.", "com.example.lib."), s.excludedPrefixes());
        assertEquals(SiteRecording.Mode.OFF, AgentOptions.parse("sites=off").managerConfig().siteRecording().mode());
        assertEquals(1, AgentOptions.parse("sitesSampleRate=1").managerConfig().siteRecording().sampleRate());
        assertEquals(1_000_000, AgentOptions.parse("sitesSampleRate=1000000").managerConfig().siteRecording().sampleRate());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "off|OFF", "error|ERROR", "warn|WARN", "INFO|INFO", "Debug|DEBUG"})
    void eachLogLevel(String value, AgentOptions.LogLevel expected) throws Exception {
        assertEquals(expected, AgentOptions.parse("log=" + value).logLevel());
    }

    /** The bounds of each duration option, inclusive, as the manager's setters enforce them too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "shutdownTimeout=1ms|PT0.001S", "shutdownTimeout=1h|PT1H", "shutdownTimeout=59m59s|PT59M59S",
            "shutdownTimeout=10|PT10S",
            "reconcileInterval=0|PT0S", "reconcileInterval=100ms|PT0.1S", "reconcileInterval=7d|PT168H",
            "reconcileInterval=0s|PT0S"})
    void durationBoundsAreAccepted(String option, Duration expected) throws Exception {
        TempFileManagerConfig c = AgentOptions.parse(option).managerConfig();
        Duration actual = option.startsWith("shutdownTimeout") ? c.shutdownTimeout() : c.reconcileInterval();
        assertEquals(expected, actual);
    }

    /** Each bad value: the line names the option as given and what is accepted. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // the value: accepted before, then Duration.toNanos overflowed at exit and nothing was cleaned
            "shutdownTimeout=106752d|'shutdownTimeout=106752d': out of range: at most 1h00m",
            "shutdownTimeout=1h1ms|out of range: at most 1h00m",
            "shutdownTimeout=0|out of range: at least 1ms",
            "shutdownTimeout=0ms|out of range: at least 1ms",
            "shutdownTimeout=99999999999999999999d|'shutdownTimeout=99999999999999999999d': expected a duration",
            "shutdownTimeout=9223372036854775807d|expected a duration such as 500ms, 10s, 5m (1ms to 1h00m)",
            "shutdownTimeout=-5s|'shutdownTimeout=-5s': expected a duration",
            "shutdownTimeout=10 s|expected a duration",
            "shutdownTimeout=|'shutdownTimeout=': expected a duration",
            "reconcileInterval=99ms|'reconcileInterval=99ms': out of range: at least 100ms (accepted: 100ms to 7d00h, or 0 for off)",
            "reconcileInterval=7d1ms|out of range: at most 7d00h",
            "reconcileInterval=106752d|out of range: at most 7d00h",
            "reconcileInterval=soon|'reconcileInterval=soon': expected a duration",
            "shutdownCleanup=maybe|'shutdownCleanup=maybe': expected true or false",
            "shutdownCleanup=|'shutdownCleanup=': expected true or false",
            "jmx=yes|'jmx=yes': expected true or false",
            "journal=1|'journal=1': expected true or false",
            "sweepOnStart=no|'sweepOnStart=no': expected true or false",
            "adoptDeleteOnExit=off|'adoptDeleteOnExit=off': expected true or false",
            "adoptDeleteOnExit=|'adoptDeleteOnExit=': expected true or false",
            "log=verbose|'log=verbose': expected off, error, warn, info or debug",
            "log=|'log=': expected off, error, warn, info or debug",
            "roots=relative/path|'relative/path' is not absolute",
            "roots=/|the file system root '/' cannot be a root",
            "roots=/tmp/..|the file system root '/tmp/..' cannot be a root",
            "roots=|'roots=': expected one or more absolute directories",
            "roots=::|expected one or more absolute directories",
            "journalDir=rel|'journalDir=rel': expected an absolute directory other than the file system root",
            "journalDir=/|'journalDir=/': expected an absolute directory other than the file system root",
            "bytesRefreshInterval=500ms|'bytesRefreshInterval=500ms': out of range: at least 1s (accepted: 1s to 1d00h, or 0 for off)",
            "bytesRefreshInterval=2d|out of range: at most 1d00h",
            "warnTrackedFiles=-1|'warnTrackedFiles=-1': expected a whole number of files, 0 for off",
            "warnTrackedFiles=5k|'warnTrackedFiles=5k': expected a whole number of files",
            "warnTrackedBytes=2x|'warnTrackedBytes=2x': expected a size in bytes or with a binary unit (e.g. 4096, 10k, 512m, 2g), 0 for off",
            "warnTrackedBytes=-2g|'warnTrackedBytes=-2g': expected a size",
            "warnFreeSpace=100%|'warnFreeSpace=100%': expected a percentage above 0 and below 100 (e.g. 10%), a size (e.g. 2g, 512m), or 0 for off",
            "warnFreeSpace=lots|'warnFreeSpace=lots': expected a percentage",
            "foo=1|unknown agent option 'foo' (accepted: roots, shutdownCleanup, shutdownTimeout, jmx, log, reconcileInterval, journal, journalDir, sweepOnStart, bytesRefreshInterval, warnTrackedFiles, warnTrackedBytes, warnFreeSpace, sites, sitesSampleRate, sitesExclude, adoptDeleteOnExit, capture)",
            "sites=some|'sites=some': expected off, sampled or all",
            "sites=|'sites=': expected off, sampled or all",
            "sitesSampleRate=0|'sitesSampleRate=0': out of range (accepted: 1 to 1000000)",
            "sitesSampleRate=1000001|out of range (accepted: 1 to 1000000)",
            "sitesSampleRate=ten|'sitesSampleRate=ten': expected a whole number N (one creation in N is sampled), 1 to 1000000",
            "sitesSampleRate=|expected a whole number",
            "sitesExclude=|'sitesExclude=': '' is not a class-name prefix; expected prefixes separated by ':'",
            "sitesExclude=java.::com.x.|'' is not a class-name prefix",
            "sitesExclude=com/example|'com/example' is not a class-name prefix",
            "capture=|'capture=': no rule given; expected globs relative to a root separated by ':'",
            "capture=::|'capture=::': no rule given",
            "capture=[a|'capture=[a': bad capture rule '[a':",
            "capture=/tmp/x*|bad capture rule '/tmp/x*': it is matched against the path relative to its root",
            "jmx|bad agent option 'jmx': expected key=value",
            "=true|bad agent option '=true': expected key=value",
            "jmx=true,jmx=false|agent option 'jmx' is given twice"})
    void badValuesAreRejectedWithOneLine(String option, String mention) {
        AgentOptions.BadOptionException e = assertThrows(AgentOptions.BadOptionException.class,
                () -> AgentOptions.parse(option));
        assertTrue(e.getMessage().contains(mention), "'" + mention + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void captureRulesReachTheManagerConfig() throws Exception {
        AgentOptions o = AgentOptions.parse("capture=blockmgr-*:spark-*: upload_*.tmp ");
        assertEquals(List.of("blockmgr-*", "spark-*", "upload_*.tmp"), o.managerConfig().captureRules());
        assertTrue(o.toString().contains("capture=blockmgr-*:spark-*:upload_*.tmp"), o.toString());
        assertEquals(List.of(), AgentOptions.parse("").managerConfig().captureRules(), "no rule by default");
    }

    @Test
    void nothingButBadOptionExceptionEscapesParse() {
        // Overflow inside the parser once surfaced as ArithmeticException, which would have reached premain.
        for (String raw : new String[] {"shutdownTimeout=9223372036854775807d", "reconcileInterval=9223372036854775807m",
                "shutdownTimeout=9223372036854775807s1s", "roots=/a\u0000b"}) {
            assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse(raw), raw);
        }
    }
}
