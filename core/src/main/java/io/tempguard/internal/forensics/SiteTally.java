package io.tempguard.internal.forensics;

import io.tempguard.SiteRecording;
import io.tempguard.SiteUsage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up, per creation site, the tracked paths fed to it (one pass over the registry when an
 * operator asks), and ranks the sites: the largest live count first. Live figures come from the
 * paths themselves, so they are exact for what was recorded; created totals from the sites' own
 * counters. In sampled mode every figure is multiplied by the sample rate (see {@link SiteRecording}).
 * Not thread-safe: one per question.
 */
public final class SiteTally {
    private static final Comparator<SiteUsage> LARGEST_FIRST = new Comparator<SiteUsage>() {
        @Override
        public int compare(SiteUsage a, SiteUsage b) {
            int c = Long.compare(b.liveCount(), a.liveCount());
            if (c != 0) return c;
            c = Long.compare(b.createdTotal(), a.createdTotal());
            return c != 0 ? c : a.site().compareTo(b.site());
        }
    };

    private final SiteRecorder recorder;
    private final long nowMillis;
    private final Map<CreationSite, long[]> live = new IdentityHashMap<>();

    public SiteTally(SiteRecorder recorder, long nowMillis) {
        this.recorder = recorder;
        this.nowMillis = nowMillis;
    }

    /** One tracked path; unsampled paths and those tracked with sites off are not attributed. */
    public void add(CreationSite site, long sizeBytes, long trackedAtMillis) {
        if (site == null || site == SiteRecorder.UNSAMPLED) return;
        long[] t = live.get(site);
        if (t == null) {
            t = new long[] {0, 0, Long.MAX_VALUE};
            live.put(site, t);
        }
        t[0]++;
        t[1] += sizeBytes;
        t[2] = Math.min(t[2], trackedAtMillis);
    }

    /** Up to {@code limit} sites ({@code <= 0}: all), the largest live count first. */
    public List<SiteUsage> top(int limit) {
        int weight = recorder.settings().weight();
        boolean estimated = weight > 1;
        List<SiteUsage> rows = new ArrayList<>();
        for (CreationSite site : recorder.table().all()) {
            long[] t = live.get(site);
            long count = t == null ? 0 : t[0];
            long bytes = t == null ? 0 : t[1];
            Duration oldest = t == null ? Duration.ZERO : Duration.ofMillis(Math.max(0, nowMillis - t[2]));
            rows.add(new SiteUsage(site.toString(), site.lastThread(), count * weight, bytes * weight,
                    site.createdTotal() * weight, oldest, estimated));
        }
        rows.sort(LARGEST_FIRST);
        return limit > 0 && rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }
}
