package io.tempguard.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileStats;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link TempFileManager}'s statistics to a Micrometer {@link MeterRegistry}: what is
 * tracked now as gauges, what happened since start as function counters, in base units (bytes,
 * files, seconds), each meter tagged {@code root} with the manager's roots.
 *
 * <p>Micrometer is an optional dependency of tempguard: only an application that has it on its
 * class path uses this class, e.g. Spring Boot's {@code @Bean MeterBinder tempGuardMetrics()
 * { return new TempGuardMetrics(TempFileManager.global()); }}. The meters read the manager when
 * the registry reads them; they hold it weakly, as Micrometer's gauges do.
 */
public final class TempGuardMetrics implements MeterBinder {
    private final TempFileManager manager;
    private final Tags tags;

    /** The meters of {@code manager}, tagged {@code root} only. */
    public TempGuardMetrics(TempFileManager manager) {
        this(manager, Tags.empty());
    }

    /** The meters of {@code manager}, tagged {@code root} and {@code extraTags}. */
    public TempGuardMetrics(TempFileManager manager, Iterable<Tag> extraTags) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.tags = Tags.of(extraTags).and("root", rootsOf(manager));
    }

    /**
     * The tag value: the one root, or (a manager with several, whose counters are one set for
     * all of them) the roots joined with the path separator, as in a class path.
     */
    private static String rootsOf(TempFileManager manager) {
        List<String> names = new ArrayList<>();
        for (Path p : manager.config().roots()) names.add(p.toString());
        return String.join(File.pathSeparator, names);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "tempguard.tracked.files", "Tracked temp paths that are files", BaseUnits.FILES,
                m -> m.stats().trackedFiles());
        gauge(registry, "tempguard.tracked.directories", "Tracked temp paths that are directories", "directories",
                m -> m.stats().trackedDirectories());
        gauge(registry, "tempguard.tracked.size", "Bytes of the tracked paths as last measured", BaseUnits.BYTES,
                m -> m.stats().trackedBytes());
        gauge(registry, "tempguard.journal.healthy", "1 while the crash journal is being written, else 0", null,
                m -> m.isJournalHealthy() ? 1 : 0);
        TimeGauge.builder("tempguard.tracked.oldest.age", manager, TimeUnit.SECONDS,
                        m -> m.stats().oldestTrackedAge().getSeconds())
                .description("How long the oldest tracked path has been tracked; 0 when nothing is")
                .tags(tags).register(registry);

        counter(registry, "tempguard.tracked", "Temp paths that started being tracked", "paths", TempFileStats::createdTotal);
        counter(registry, "tempguard.deleted", "Tracked paths tempguard deleted", "paths", TempFileStats::deletedTotal);
        counter(registry, "tempguard.released", "Tracked paths let go without tempguard deleting them", "paths",
                TempFileStats::releasedTotal);
        counter(registry, "tempguard.cleanup.failures", "Delete attempts that failed (the path stayed tracked)",
                null, TempFileStats::cleanupFailureCount);
        counter(registry, "tempguard.skipped", "Tracked paths not deleted for safety", "paths", TempFileStats::skippedCount);
        counter(registry, "tempguard.unmanaged", "Temp paths created outside every root (never deleted)",
                "paths", TempFileStats::unmanagedCreatedTotal);
        counter(registry, "tempguard.agent.errors", "Faults inside the agent's interception, swallowed", null,
                TempFileStats::agentErrorCount);
        FunctionCounter.builder("tempguard.journal.errors", manager, TempFileManager::journalErrorCount)
                .description("Times the crash journal could not be written or was refused")
                .tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
                       ToDoubleFunction<TempFileManager> value) {
        Gauge.builder(name, manager, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, String unit,
                         ToDoubleFunction<TempFileStats> value) {
        FunctionCounter.builder(name, manager, m -> value.applyAsDouble(m.stats()))
                .description(description).baseUnit(unit).tags(tags).register(registry);
    }
}
