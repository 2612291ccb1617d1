package io.tempguard.internal.capture;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * The operator's capture rules: globs in the syntax of {@link FileSystem#getPathMatcher} ("glob:"),
 * each matched against a created path relative to its root ({@code blockmgr-*}, {@code upload_*.tmp},
 * {@code work/**}). Immutable; an empty set matches nothing.
 */
public final class CaptureRules {
    /** Rules are written and shown joined by this character (as the agent option and the MXBean attribute take them). */
    public static final char SEPARATOR = ':';

    private static final CaptureRules NONE = new CaptureRules(Collections.<String>emptyList(),
            Collections.<PathMatcher>emptyList());

    private final List<String> globs;
    private final List<PathMatcher> matchers;

    private CaptureRules(List<String> globs, List<PathMatcher> matchers) {
        this.globs = globs;
        this.matchers = matchers;
    }

    public static CaptureRules none() {
        return NONE;
    }

    /**
     * Parses {@code GLOB[:GLOB...]}; empty or blank means no rule.
     *
     * @throws IllegalArgumentException naming the bad glob and what is accepted
     */
    public static CaptureRules parse(String joined) {
        if (joined == null || joined.trim().isEmpty()) return NONE;
        List<String> globs = new ArrayList<>();
        for (String part : joined.split(String.valueOf(SEPARATOR), -1)) {
            if (!part.trim().isEmpty()) globs.add(part.trim());
        }
        return of(globs);
    }

    /**
     * The rules {@code globs}.
     *
     * @throws IllegalArgumentException naming the bad glob and what is accepted
     */
    public static CaptureRules of(List<String> globs) {
        if (globs.isEmpty()) return NONE;
        FileSystem fs = FileSystems.getDefault();
        List<String> kept = new ArrayList<>();
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            kept.add(requireValid(glob));
            matchers.add(fs.getPathMatcher("glob:" + glob));
        }
        return new CaptureRules(Collections.unmodifiableList(kept), Collections.unmodifiableList(matchers));
    }

    private static String requireValid(String glob) {
        String accepted = "expected globs relative to a root, separated by '" + SEPARATOR
                + "', e.g. blockmgr-*:upload_*.tmp";
        if (glob == null || glob.trim().isEmpty()) throw new IllegalArgumentException("empty capture rule: " + accepted);
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException("bad capture rule '" + glob + "': it is matched against the path "
                    + "relative to its root, so it cannot start with '/'; " + accepted);
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad capture rule '" + glob + "': " + e.getDescription()
                    + " at index " + e.getIndex() + "; " + accepted);
        }
        return glob;
    }

    /** Whether {@code relative} (a path relative to its root) matches a rule. */
    public boolean matches(Path relative) {
        for (PathMatcher m : matchers) if (m.matches(relative)) return true;
        return false;
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    public List<String> globs() {
        return globs;
    }

    /** The rules joined by {@link #SEPARATOR}, as {@link #parse} reads them ("" when none). */
    @Override
    public String toString() {
        return String.join(String.valueOf(SEPARATOR), globs);
    }
}
