package io.tempguard.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The Micrometer binder on a real {@link SimpleMeterRegistry}: values, types, base units, tags. */
class TempGuardMetricsTest {
    @TempDir
    Path root;

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TempFileManager manager;

    @BeforeEach
    void open() {
        manager = TempFileManager.create(TempFileManagerConfig.builder().roots(root).jmx(false)
                .shutdownCleanup(false).reconcileInterval(Duration.ZERO).journal(false).sweepOnStart(false)
                .clock(clock).build());
    }

    @AfterEach
    void close() {
        manager.close();
        registry.close();
    }

    @Test
    void gaugesAndCountersReadTheManagersStatsLive() throws Exception {
        new TempGuardMetrics(manager, Tags.of("app", "billing")).bindTo(registry);
        Path a = manager.createTempFile(root, "a-", ".bin");
        Files.write(a, new byte[1000]);
        Path b = manager.createTempFile(root, "b-", ".bin");
        Files.write(b, new byte[24]);
        manager.createTempDirectory(root, "d-");
        manager.unregister(manager.createTempFile(root, "released-", ".bin"));
        manager.reconcile(); // picks up the sizes written after creation
        clock.advance(Duration.ofSeconds(90));

        assertEquals(2.0, gauge("tempguard.tracked.files").value());
        assertEquals(1.0, gauge("tempguard.tracked.directories").value());
        assertEquals(1024.0, gauge("tempguard.tracked.size").value());
        assertEquals(90.0, registry.get("tempguard.tracked.oldest.age").timeGauge().value(TimeUnit.SECONDS));
        assertEquals(4.0, counter("tempguard.tracked").count());
        assertEquals(1.0, counter("tempguard.released").count());
        assertEquals(0.0, counter("tempguard.deleted").count());
        assertEquals(0.0, gauge("tempguard.journal.healthy").value(), "the journal is off in this test");

        manager.cleanupAll();
        assertEquals(0.0, gauge("tempguard.tracked.files").value(), "a gauge reads the manager when it is read");
        assertEquals(0.0, gauge("tempguard.tracked.size").value());
        assertEquals(3.0, counter("tempguard.deleted").count());
        assertEquals(0.0, counter("tempguard.cleanup.failures").count());
    }

    @Test
    void everyMeterHasItsTypeBaseUnitDescriptionAndTags() {
        new TempGuardMetrics(manager, Tags.of("app", "billing")).bindTo(registry);
        Map<String, String> shape = new TreeMap<>();
        for (Meter m : registry.getMeters()) {
            Meter.Id id = m.getId();
            String kind = m instanceof TimeGauge ? "timegauge" : m instanceof Gauge ? "gauge"
                    : m instanceof FunctionCounter ? "counter" : m.getClass().getSimpleName();
            shape.put(id.getName(), kind + " " + id.getBaseUnit());
            assertEquals(List.of(io.micrometer.core.instrument.Tag.of("app", "billing"),
                    io.micrometer.core.instrument.Tag.of("root", root.toString())), id.getTags(), id.getName());
            assertEquals(false, id.getDescription() == null || id.getDescription().isBlank(), id.getName());
        }
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("tempguard.tracked.files", "gauge files"),
                Map.entry("tempguard.tracked.directories", "gauge directories"),
                Map.entry("tempguard.tracked.size", "gauge bytes"),
                Map.entry("tempguard.journal.healthy", "gauge null"),
                Map.entry("tempguard.tracked.oldest.age", "timegauge seconds"),
                Map.entry("tempguard.tracked", "counter paths"),
                Map.entry("tempguard.deleted", "counter paths"),
                Map.entry("tempguard.released", "counter paths"),
                Map.entry("tempguard.cleanup.failures", "counter null"),
                Map.entry("tempguard.skipped", "counter paths"),
                Map.entry("tempguard.unmanaged", "counter paths"),
                Map.entry("tempguard.agent.errors", "counter null"),
                Map.entry("tempguard.journal.errors", "counter null")));
        assertEquals(expected, shape);
    }

    @Test
    void aManagerWithTwoRootsIsTaggedWithBoth(@TempDir Path second) {
        try (TempFileManager two = TempFileManager.create(TempFileManagerConfig.builder().roots(root, second)
                .jmx(false).shutdownCleanup(false).reconcileInterval(Duration.ZERO).journal(false)
                .sweepOnStart(false).build())) {
            new TempGuardMetrics(two).bindTo(registry);
            Gauge g = registry.get("tempguard.tracked.files").gauge();
            assertEquals(root + File.pathSeparator + second, g.getId().getTag("root"));
            assertInstanceOf(Gauge.class, g);
        }
    }

    private Gauge gauge(String name) {
        return registry.get(name).tag("root", root.toString()).gauge();
    }

    private FunctionCounter counter(String name) {
        return registry.get(name).tag("root", root.toString()).functionCounter();
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());

        void advance(Duration d) { millis.addAndGet(d.toMillis()); }
        @Override public long millis() { return millis.get(); }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }
}
