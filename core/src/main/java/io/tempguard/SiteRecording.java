package io.tempguard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How a manager records the creation site of each tracked path (which code made it): a
 * {@link Mode}, a sample rate and the class-name prefixes that are never a site. Immutable.
 *
 * <p>The site of a path is the first stack frame, from the creating call outwards, whose class is
 * neither tempguard's own (its engine, agent and API classes) nor starts with one of {@link #excludedPrefixes()}; it is recorded as class,
 * method, file and line. Sites are interned: a million paths from ten sites are ten site records,
 * and at most {@link #MAX_SITES} are kept (later new sites count as {@code other}).
 *
 * <p>In {@link Mode#SAMPLED} the stack is walked for one creation in {@link #sampleRate()} N,
 * drawn at random (so a loop that alternates between two sites cannot alias with the sampling);
 * the other creations are {@code unsampled}. {@code topSites} then reports estimates: each sampled
 * path stands for N, so a site's live count, live bytes and created total are the sampled figures
 * times N. For a site with {@code c} true creations the estimate's standard error is
 * {@code sqrt(c * (N - 1))}: with N = 100 and c = 10,000, about ±1,000 (10%); 95% of estimates lie
 * within two standard errors. {@link Mode#ALL} counts exactly, for a walk on every creation.
 */
public final class SiteRecording {
    /** Whether and how often the creating stack is walked. */
    public enum Mode {
        /** No sites: nothing is walked and {@code topSites} is empty. */
        OFF,
        /** One creation in N is walked, at random; counts are estimates (the default). */
        SAMPLED,
        /** Every creation is walked; counts are exact. */
        ALL
    }

    public static final int DEFAULT_SAMPLE_RATE = 100;
    public static final int MIN_SAMPLE_RATE = 1;
    public static final int MAX_SAMPLE_RATE = 1_000_000;
    /** At most this many distinct sites per manager; creations at further sites count as {@code other}. */
    public static final int MAX_SITES = 10_000;
    /** The JDK's packages: never a site unless the prefixes are replaced. */
    public static final List<String> DEFAULT_EXCLUDED_PREFIXES =
            Collections.unmodifiableList(Arrays.asList("java.", "javax.", "jdk.", "sun.", "com.sun."));

    private static final SiteRecording DEFAULTS =
            new SiteRecording(Mode.SAMPLED, DEFAULT_SAMPLE_RATE, DEFAULT_EXCLUDED_PREFIXES);

    private final Mode mode;
    private final int sampleRate;
    private final List<String> excludedPrefixes;

    private SiteRecording(Mode mode, int sampleRate, List<String> excludedPrefixes) {
        this.mode = mode;
        this.sampleRate = sampleRate;
        this.excludedPrefixes = excludedPrefixes;
    }

    /** Sampled, one creation in {@value #DEFAULT_SAMPLE_RATE}, the JDK's packages excluded. */
    public static SiteRecording defaults() {
        return DEFAULTS;
    }

    /**
     * @param sampleRate N of "one creation in N" ({@value #MIN_SAMPLE_RATE} to {@value #MAX_SAMPLE_RATE}); used in {@link Mode#SAMPLED} only
     * @param excludedPrefixes class-name prefixes that are never a site (replace the defaults; tempguard's own classes are always skipped)
     * @throws IllegalArgumentException if the rate is out of range or a prefix is empty
     */
    public static SiteRecording of(Mode mode, int sampleRate, List<String> excludedPrefixes) {
        Objects.requireNonNull(mode, "mode");
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sitesSampleRate " + sampleRate + " is out of range (accepted: "
                    + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + ")");
        }
        List<String> prefixes = new ArrayList<>();
        for (String p : Objects.requireNonNull(excludedPrefixes, "excludedPrefixes")) {
            if (p == null || p.trim().isEmpty()) {
                throw new IllegalArgumentException("sitesExclude has an empty prefix (expected class-name prefixes "
                        + "such as java. or com.example.lib.)");
            }
            prefixes.add(p.trim());
        }
        return new SiteRecording(mode, sampleRate, Collections.unmodifiableList(prefixes));
    }

    /** The defaults with another mode. */
    public static SiteRecording of(Mode mode) {
        return of(mode, DEFAULT_SAMPLE_RATE, DEFAULT_EXCLUDED_PREFIXES);
    }

    public Mode mode() { return mode; }

    /** N of "one creation in N" (meaningful in {@link Mode#SAMPLED}). */
    public int sampleRate() { return sampleRate; }

    public List<String> excludedPrefixes() { return excludedPrefixes; }

    /** What one recorded path stands for in {@code topSites}: N when sampled, 1 otherwise. */
    public int weight() {
        return mode == Mode.SAMPLED ? sampleRate : 1;
    }

    @Override
    public String toString() {
        switch (mode) {
            case OFF: return "off";
            case ALL: return "all";
            default: return "sampled 1/" + sampleRate;
        }
    }
}
