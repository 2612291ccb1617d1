package io.tempguard.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directories of one scenario, all inside a JUnit {@code @TempDir} (deleted after the test):
 * {@code tmp} is the child's {@code java.io.tmpdir} (and so the agent's default root), {@code work}
 * its working directory, {@code out} a place outside the temp directory.
 */
public final class Dirs {
    public final Path base;
    public final Path tmp;
    public final Path work;
    public final Path out;

    private Dirs(Path base) throws IOException {
        this.base = base.toRealPath();
        this.tmp = Files.createDirectories(this.base.resolve("tmp"));
        this.work = Files.createDirectories(this.base.resolve("work"));
        this.out = Files.createDirectories(this.base.resolve("out"));
    }

    public static Dirs in(Path base) throws IOException {
        return new Dirs(base);
    }

    /** A further directory under the base. */
    public Path dir(String name) throws IOException {
        return Files.createDirectories(base.resolve(name));
    }

    /** The names directly inside {@code dir}, sorted. */
    public static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            Collections.sort(names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory in {@code java.io.tmpdir} where the agent keeps its crash journals. */
    public static final String STATE_DIR = ".tempguard";

    public static void assertEmpty(Path dir, String why) {
        assertEquals(List.of(), list(dir), why + ": " + dir + " should be empty");
    }

    /**
     * After a host with the agent exited normally: {@code tmp} holds nothing but {@code kept} and the
     * agent's state directory, and that directory holds no journal (a clean exit removes it).
     */
    public static void assertNoTempLeft(Path tmp, String why, String... kept) {
        List<String> left = new ArrayList<>(list(tmp));
        if (left.remove(STATE_DIR)) {
            Path state = tmp.resolve(STATE_DIR);
            assertTrue(Files.isDirectory(state, LinkOption.NOFOLLOW_LINKS), state + " is a directory");
            assertEquals(List.of(), list(state), "no journal is left after a normal exit in " + state);
        }
        List<String> expected = new ArrayList<>(List.of(kept));
        Collections.sort(expected);
        assertEquals(expected, left, why + ": what is left in " + tmp);
    }

    public static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    public static void assertGone(Iterable<String> paths, String why) {
        for (String p : paths) assertFalse(exists(Path.of(p)), why + ": " + p + " still exists");
    }

    public static void assertPresent(Iterable<String> paths, String why) {
        for (String p : paths) assertTrue(exists(Path.of(p)), why + ": " + p + " is gone");
    }

    /**
     * The {@code KIND path} lines a host printed before {@code marker}, as path to kind; each path
     * may appear only once.
     */
    public static Map<String, String> printedPaths(List<String> lines, String marker, String... kinds) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.equals(marker)) return paths;
            int space = line.indexOf(' ');
            if (space < 0) continue;
            String kind = line.substring(0, space);
            if (!List.of(kinds).contains(kind)) continue;
            String path = line.substring(space + 1);
            String previous = paths.put(path, kind);
            if (previous != null) throw new AssertionError("the host printed " + path + " twice");
        }
        throw new AssertionError("no line '" + marker + "' in " + lines);
    }
}
