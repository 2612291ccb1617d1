package io.tempguard.internal.fs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 5: {@link BirthTimeSupport}'s probe says whether {@code creationTime()} is a real
 * birth time, checked against the kernel's own answer ({@code stat -c %.9W}, which is 0 where the
 * file system keeps no birth time) on this JDK (the suite runs on 17 and 25).
 *
 * <p>Measured here (kernel 6.18): ext4 and tmpfs report a birth time and both JDKs pass it on;
 * ramfs keeps none, and both JDK 17 and 25 then return the last-modified time (JDK-8338696 on 25).
 */
class BirthTimeSupportTest {
    @TempDir
    Path scratch;

    private final Mounts mounts = new Mounts();

    @AfterEach
    void unmount() throws IOException {
        mounts.close();
    }

    @Test
    void onTheRealTmpExt4TheBirthTimeIsReal() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("/tmp"), "tg-birth-");
        try {
            String type = Files.getFileStore(dir).type();
            Assumptions.assumeTrue("ext4".equals(type), "SKIPPED: /tmp is " + type + " here, not ext4");
            assertTrue(kernelReportsBirthTime(dir), "ext4 keeps birth times");
            assertTrue(probe(dir), "the probe on ext4 /tmp on JDK " + Runtime.version().feature());
        } finally {
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(), s.toList(), "the probe leaves no scratch file behind");
            }
            Files.delete(dir);
        }
    }

    @Test
    void onTmpfsTheProbeAgreesWithTheKernel() throws Exception {
        Mounts.requireRoot();
        Path dir = mounts.tmpfs(Files.createDirectory(scratch.resolve("tmpfs")));
        boolean real = jdkReportsKernelBirthTime(dir);
        System.out.println("tmpfs on JDK " + Runtime.version().feature() + ": creationTime is "
                + (real ? "the birth time" : "not a birth time"));
        assertEquals(real, probe(dir));
    }

    @Test
    void onRamfsWhichKeepsNoBirthTimeTheProbeSaysUnreliable() throws Exception {
        Mounts.requireRoot();
        Path dir = scratch.resolve("ramfs");
        Files.createDirectory(dir);
        mounts.mount("ramfs", dir);
        assertFalse(kernelReportsBirthTime(dir), "ramfs keeps no birth time");
        assertFalse(jdkReportsKernelBirthTime(dir));
        assertFalse(probe(dir), "creationTime falls back to the last-modified time on JDK " + Runtime.version().feature());
    }

    @Test
    void anUnknownDeviceIsNeverReliableAndAnUnprobeableDirectoryIsAskedAgain() throws Exception {
        BirthTimeSupport support = new BirthTimeSupport();
        try (SecureDirectoryStream<Path> dir = open(scratch)) {
            assertFalse(support.reliable(FileIdentity.UNKNOWN, dir));
        }
        Mounts.requireRoot();
        Path ro = Files.createDirectory(scratch.resolve("ro"));
        mounts.tmpfs(ro);
        mounts.remountReadOnly(ro);
        long device = FsAttributes.identity(ro).device();
        try (SecureDirectoryStream<Path> dir = open(ro)) {
            assertFalse(support.reliable(device, dir), "cannot write a probe file: unsure, so unreliable");
        }
        mounts.remountReadWrite(ro);
        try (SecureDirectoryStream<Path> dir = open(ro)) {
            assertEquals(jdkReportsKernelBirthTime(ro), support.reliable(device, dir),
                    "an unsure answer is not cached: asked again once the directory is writable");
        }
    }

    private static boolean probe(Path dir) throws IOException {
        try (SecureDirectoryStream<Path> sds = open(dir)) {
            return new BirthTimeSupport().reliable(FsAttributes.identity(dir).device(), sds);
        }
    }

    private static SecureDirectoryStream<Path> open(Path dir) throws IOException {
        DirectoryStream<Path> s = Files.newDirectoryStream(dir);
        Assumptions.assumeTrue(s instanceof SecureDirectoryStream, "SKIPPED: no SecureDirectoryStream here");
        return (SecureDirectoryStream<Path>) s;
    }

    /** Whether the kernel gives files in {@code dir} a birth time (statx btime, as {@code stat} prints it). */
    private static boolean kernelReportsBirthTime(Path dir) throws Exception {
        Path f = Files.createTempFile(dir, "k", "");
        try {
            return kernelBirthTime(f).signum() != 0;
        } finally {
            Files.delete(f);
        }
    }

    /**
     * Whether this JDK's {@code creationTime()} in {@code dir} is the kernel's birth time, to the
     * nanosecond, and stays so when the modification time is set far back.
     */
    private static boolean jdkReportsKernelBirthTime(Path dir) throws Exception {
        Path f = Files.createTempFile(dir, "j", "");
        try {
            BasicFileAttributeView view = Files.getFileAttributeView(f, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            view.setTimes(FileTime.fromMillis(946_684_800_000L), null, null);
            BigDecimal kernel = kernelBirthTime(f);
            FileTime created = view.readAttributes().creationTime();
            BigDecimal jdk = BigDecimal.valueOf(created.toInstant().getEpochSecond())
                    .add(BigDecimal.valueOf(created.toInstant().getNano(), 9));
            return kernel.signum() != 0 && kernel.compareTo(jdk) == 0;
        } finally {
            Files.delete(f);
        }
    }

    /** {@code stat -c %.9W}: seconds.nanoseconds of the birth time, 0 when unknown. */
    private static BigDecimal kernelBirthTime(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%.9W", file.toString()).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stat did not finish");
            assertEquals(0, p.exitValue(), "stat: " + text);
            return new BigDecimal(text);
        }
    }
}
