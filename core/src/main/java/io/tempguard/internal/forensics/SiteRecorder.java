package io.tempguard.internal.forensics;

import io.tempguard.SiteRecording;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Names the code that is creating a temp path, on the creating thread: walks the stack (in
 * sampled mode for one creation in N only) to the first frame outside tempguard and the excluded
 * prefixes, and interns it. An unsampled creation costs one random draw and no walk, as in
 * Netty's leak detector.
 */
public final class SiteRecorder {
    /** Frames looked at before giving up ({@code unknown}): a deep framework stack must not make a walk expensive. */
    static final int MAX_FRAMES = 64;
    /**
     * Never a site, whatever the prefixes: tempguard's engine, its agent (shaded packages included)
     * and its bridge. The public API classes directly in {@code io.tempguard} are skipped too (see
     * {@link #skipped}); tempguard's demo, tests and benchmarks ({@code io.tempguard.demo} ...) are sites.
     */
    private static final String[] ALWAYS_SKIPPED = {"io.tempguard.internal.", "io.tempguard.agent.",
            "java.io.TempGuardBridge"};
    private static final String API_PACKAGE = "io.tempguard.";
    /** Stands for every creation whose stack was not walked. */
    public static final CreationSite UNSAMPLED = CreationSite.special("unsampled");

    // No class references: only names are needed, and a walker without RETAIN_CLASS_REFERENCE is
    // allowed without a permission check. The depth hint asks for one small first batch of frames.
    private static final StackWalker WALKER = StackWalker.getInstance(EnumSet.noneOf(StackWalker.Option.class), 16);

    private final SiteRecording settings;
    private final SiteTable table;
    private final String[] skipped;
    private final FirstSite firstSite = new FirstSite();

    public SiteRecorder(SiteRecording settings, SiteTable table) {
        this.settings = settings;
        this.table = table;
        List<String> prefixes = new ArrayList<>(settings.excludedPrefixes());
        for (String always : ALWAYS_SKIPPED) prefixes.add(always);
        this.skipped = prefixes.toArray(new String[0]);
    }

    public SiteRecording settings() { return settings; }

    public SiteTable table() { return table; }

    /**
     * The site of the creation the current thread is making: null when sites are off,
     * {@link #UNSAMPLED} when this creation was not drawn. Never throws. The caller counts the
     * creation ({@link CreationSite#recordCreation}) once it is tracked.
     */
    public CreationSite siteOfCurrentCreation() {
        switch (settings.mode()) {
            case OFF:
                return null;
            case SAMPLED:
                int n = settings.sampleRate();
                if (n > 1 && ThreadLocalRandom.current().nextInt(n) != 0) return UNSAMPLED;
                return walk();
            default:
                return walk();
        }
    }

    private CreationSite walk() {
        CreationSite site;
        try {
            site = WALKER.walk(firstSite);
        } catch (RuntimeException | StackOverflowError e) {
            site = null; // a guest never fails the host's creation for want of a site name
        }
        return site == null ? table.unknown() : site;
    }

    boolean skipped(String className) {
        for (String prefix : skipped) if (className.startsWith(prefix)) return true;
        // io.tempguard.TempFileManager, ScopedTempPath ...: a class name, not a sub-package, follows.
        return className.startsWith(API_PACKAGE) && className.length() > API_PACKAGE.length()
                && Character.isUpperCase(className.charAt(API_PACKAGE.length()));
    }

    /**
     * Takes the first frame that is not skipped. A class rather than a lambda, and an iterator
     * rather than {@code filter().findFirst()}: the host's first sampled creation must not pay for
     * linking lambdas.
     */
    private final class FirstSite implements Function<Stream<StackWalker.StackFrame>, CreationSite> {
        @Override
        public CreationSite apply(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            for (int seen = 0; seen < MAX_FRAMES && it.hasNext(); seen++) {
                StackWalker.StackFrame f = it.next();
                String cls = f.getClassName();
                if (!skipped(cls)) return table.intern(cls, f.getMethodName(), f.getFileName(), f.getLineNumber());
            }
            return null;
        }
    }
}
