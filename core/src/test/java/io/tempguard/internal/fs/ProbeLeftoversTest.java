package io.tempguard.internal.fs;

import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BirthTimeSupport}'s scratch files cannot pile up: a JVM killed while one exists leaves a
 * file named for its pid and start time, and the next probe in that directory removes it, but
 * never the probe of a process that still runs, nor anything that is not an empty regular file of
 * the prober's user (a link is not followed), nor a name of the old form that says nothing of its
 * owner. And a directory that shows its birth time is answered without any file at all.
 */
class ProbeLeftoversTest {
    @TempDir
    Path scratch;

    /** A pid and start time of a process that has exited. */
    private static long[] deadProcess() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        long start = startOf(p.toHandle()); // read while it runs: an exited process has no start time to read
        p.destroyForcibly().waitFor();
        assertFalse(ProbeFiles.running(p.pid(), start), "pid " + p.pid() + " has exited");
        return new long[] {p.pid(), start};
    }

    private static long startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
    }

    private static Path emptyFile(Path dir, long pid, long start, long random) throws IOException {
        return Files.createFile(dir.resolve(ProbeFiles.nameFor(pid, start, random)));
    }

    private static SecureDirectoryStream<Path> open(Path dir) throws IOException {
        DirectoryStream<Path> s = Files.newDirectoryStream(dir);
        Assumptions.assumeTrue(s instanceof SecureDirectoryStream, "SKIPPED: no SecureDirectoryStream here");
        return (SecureDirectoryStream<Path>) s;
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theNextProbeInTheDirectoryRemovesADeadProcesssProbeAndNothingElse() throws Exception {
        Path dir = Files.createDirectory(scratch.resolve("dir"));
        Path outside = Files.createDirectory(scratch.resolve("outside"));
        long[] dead = deadProcess();
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            List<Path> gone = new ArrayList<>();
            gone.add(emptyFile(dir, dead[0], dead[1], 0xdead));
            // The test JVM's pid with another start time: a dead process whose pid was reused.
            long self = ProcessHandle.current().pid();
            gone.add(emptyFile(dir, self, startOf(ProcessHandle.current()) - 3_600_000, 0x1));

            List<Path> kept = new ArrayList<>();
            kept.add(emptyFile(dir, self, startOf(ProcessHandle.current()), 0x2)); // this JVM's own
            kept.add(emptyFile(dir, sleeper.pid(), startOf(sleeper.toHandle()), 0x3)); // a running child's
            kept.add(Files.write(dir.resolve(ProbeFiles.nameFor(dead[0], dead[1], 0x4)), new byte[] {1})); // not empty
            kept.add(Files.createDirectory(dir.resolve(ProbeFiles.nameFor(dead[0], dead[1], 0x5)))); // a directory
            Path target = Files.createFile(outside.resolve("link-target"));
            kept.add(Files.createSymbolicLink(dir.resolve(ProbeFiles.nameFor(dead[0], dead[1], 0x6)), target));
            kept.add(Files.createFile(dir.resolve(ProbeFiles.PREFIX + "5f3a9c"))); // the old random form
            kept.add(Files.createFile(dir.resolve(ProbeFiles.nameFor(dead[0], dead[1], 0x7) + ".bak")));
            if (RunAs.isRoot()) {
                Path others = emptyFile(dir, dead[0], dead[1], 0x8);
                Files.setAttribute(others, "unix:uid", RunAs.UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
                kept.add(others); // another user's
            }
            Set<String> keptNames = kept.stream().map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));

            // A probe happens where the directory cannot tell by itself: its modification time set
            // to its creation time (where there is no birth time, the two are the same anyway).
            BasicFileAttributeView view = Files.getFileAttributeView(dir, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setTimes(view.readAttributes().creationTime(), null, null);
            BasicFileAttributes before = view.readAttributes();
            assertEquals(before.creationTime(), before.lastModifiedTime(), "the directory cannot tell by itself");

            boolean reliable;
            try (SecureDirectoryStream<Path> sds = open(dir)) {
                reliable = new BirthTimeSupport().reliable(FsAttributes.identity(dir).device(), sds);
            }

            assertEquals(keptNames, names(dir), "only the dead processes' probe files are gone, and the probe's own");
            for (Path p : gone) assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " was left by a dead process");
            assertTrue(Files.exists(target), "the link's target is untouched");
            assertNotEquals(before.lastModifiedTime(), view.readAttributes().lastModifiedTime(),
                    "a probe file was made here (answer: " + reliable + ")");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void aDirectoryShowingABirthTimeIsAnsweredWithoutAFile() throws Exception {
        Path dir = Files.createDirectory(scratch.resolve("dir"));
        BasicFileAttributeView view = Files.getFileAttributeView(dir, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        FileTime past = FileTime.fromMillis(978_307_200_000L); // 2001-01-01
        view.setTimes(past, null, null);
        Assumptions.assumeFalse(view.readAttributes().creationTime().equals(past),
                "SKIPPED: creationTime() is the modification time on " + Files.getFileStore(dir).type()
                        + " with JDK " + Runtime.version().feature() + ": no birth time to see");
        long device = FsAttributes.identity(dir).device();
        BirthTimeSupport support = new BirthTimeSupport();
        try (SecureDirectoryStream<Path> sds = open(dir)) {
            assertTrue(support.reliable(device, sds));
        }
        assertEquals(past, view.readAttributes().lastModifiedTime(), "no file was made or removed in the directory");
        assertEquals(Set.of(), names(dir));
    }

    @Test
    void onlyTheNewNameFormCarriesAnOwner() {
        assertEquals(List.of(12L, 1_700_000_000_000L),
                toList(ProbeFiles.parse(ProbeFiles.nameFor(12, 1_700_000_000_000L, -1L))));
        String fresh = ProbeFiles.fresh().toString();
        assertNotNull(ProbeFiles.parse(fresh), fresh);
        assertEquals(ProcessHandle.current().pid(), ProbeFiles.parse(fresh)[0], fresh);
        for (String other : List.of(".tempguard-probe-5f3a9c", ".tempguard-probe-12-34", ".tempguard-probe-12-34-",
                ".tempguard-probe--34-ab", ".tempguard-probe-12-34-xyz", ".tempguard-probe-12-34-ab-cd",
                ".tempguard-probe-1234567890123456789-1-a", "tempguard-probe-12-34-ab", ".tempguard-probe-12-34-AB")) {
            assertNull(ProbeFiles.parse(other), other);
        }
    }

    private static List<Long> toList(long[] values) {
        assertNotNull(values);
        List<Long> list = new ArrayList<>();
        for (long v : values) list.add(v);
        return list;
    }
}
