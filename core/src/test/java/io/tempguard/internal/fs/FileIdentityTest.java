package io.tempguard.internal.fs;

import org.junit.jupiter.api.Test;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9 item 5: {@link FileIdentity#matches} at the precision the file system gives. */
class FileIdentityTest {
    private static final long DEV = 0xfe00;
    private static final long INO = 2_146_329;
    /** 2026-12-02T01:16:47.195812353Z in nanoseconds. */
    private static final long BORN = 1_796_174_207_195_812_353L;

    @Test
    void theSameDeviceInodeAndNanosecondMatch() {
        FileIdentity id = new FileIdentity(DEV, INO, BORN);
        assertTrue(id.matches(new FileIdentity(DEV, INO, BORN), true));
        assertTrue(id.matches(new FileIdentity(DEV, INO, BORN), false));
    }

    @Test
    void anotherDeviceOrInodeNeverMatchesWhateverTheBirthTime() {
        FileIdentity id = new FileIdentity(DEV, INO, BORN);
        assertFalse(id.matches(new FileIdentity(DEV + 1, INO, BORN), true));
        assertFalse(id.matches(new FileIdentity(DEV + 1, INO, BORN), false));
        assertFalse(id.matches(new FileIdentity(DEV, INO + 1, BORN), true));
        assertFalse(id.matches(new FileIdentity(DEV, INO + 1, BORN), false));
    }

    @Test
    void aReusedInodeBornInTheSameMillisecondIsAnotherFile() {
        FileIdentity id = new FileIdentity(DEV, INO, BORN);
        FileIdentity reused = new FileIdentity(DEV, INO, BORN + 1);
        assertEquals(BORN / 1_000_000, (BORN + 1) / 1_000_000, "same millisecond");
        assertFalse(id.matches(reused, true), "one nanosecond apart: another file");
        assertTrue(id.matches(reused, false), "without a reliable birth time only device and inode count");
    }

    @Test
    void aMillisecondOnlyIdentityFromAVersion2JournalIsComparedToTheMillisecond() {
        FileIdentity fromJournal = FileIdentity.ofMillis(DEV, INO, BORN / 1_000_000);
        assertTrue(fromJournal.isMillisOnly());
        assertEquals(BORN / 1_000_000 * 1_000_000, fromJournal.birthTimeNanos());
        assertTrue(fromJournal.matches(new FileIdentity(DEV, INO, BORN), true), "the same millisecond");
        assertTrue(new FileIdentity(DEV, INO, BORN).matches(fromJournal, true), "either way round");
        assertFalse(fromJournal.matches(new FileIdentity(DEV, INO, BORN + 1_000_000), true), "the next millisecond");
        assertFalse(fromJournal.matches(new FileIdentity(DEV, INO + 1, BORN), true));
    }

    @Test
    void aBirthTimeBeforeTheEpochIsComparedByFloorMillisecond() {
        FileIdentity fromJournal = FileIdentity.ofMillis(DEV, INO, -1);
        assertTrue(fromJournal.matches(new FileIdentity(DEV, INO, -1), true), "-1 ns lies in millisecond -1");
        assertFalse(fromJournal.matches(new FileIdentity(DEV, INO, 0), true));
    }

    @Test
    void theUnixFileKeyIsParsedIntoDeviceAndInodeWithTheNanoseconds() {
        FileIdentity id = FileIdentity.of(attrs("(dev=fe00,ino=2146329)", BORN));
        assertTrue(id.isPortable());
        assertEquals(DEV, id.device());
        assertEquals(INO, id.inode());
        assertEquals(BORN, id.birthTimeNanos());
        assertFalse(id.isMillisOnly());
        assertEquals(new FileIdentity(DEV, INO, BORN), id);
        assertEquals("dev=fe00,ino=2146329,born=" + BORN + "ns", id.toString());
    }

    /** The key is parsed without a regex on the hot path: every shape the regex refused is still refused. */
    @Test
    void keysOfAnotherShapeStayOpaque() {
        for (String odd : new String[] {"(dev=,ino=5)", "(dev=fe00,ino=)", "(dev=+fe00,ino=5)", "(dev=fe00,ino=-5)",
                "(dev=fe00,ino=5", "dev=fe00,ino=5)", "(dev=fg00,ino=5)", "(dev=fe00,ino=5x)", "(dev=fe00;ino=5)"}) {
            FileIdentity id = FileIdentity.of(attrs(odd, BORN));
            assertFalse(id.isPortable(), odd);
            assertEquals(FileIdentity.UNKNOWN, id.device(), odd);
        }
        assertEquals(new FileIdentity(0xffffffffffffffffL, Long.MAX_VALUE, BORN),
                FileIdentity.of(attrs("(dev=ffffffffffffffff,ino=" + Long.MAX_VALUE + ")", BORN)));
    }

    @Test
    void unknownKeysAreComparedAsKeysAndWithoutKeysTheBirthTimeIsAllThereIs() {
        FileIdentity a = FileIdentity.of(attrs("opaque-1", BORN));
        assertFalse(a.isPortable());
        assertTrue(a.matches(FileIdentity.of(attrs("opaque-1", BORN)), true));
        assertTrue(a.matches(FileIdentity.of(attrs("opaque-1", BORN + 1)), false), "same key, birth time not reliable");
        assertFalse(a.matches(FileIdentity.of(attrs("opaque-2", BORN)), false), "another key");

        FileIdentity keyless = FileIdentity.of(attrs(null, BORN));
        assertTrue(keyless.matches(FileIdentity.of(attrs(null, BORN)), false));
        assertFalse(keyless.matches(FileIdentity.of(attrs(null, BORN + 1)), false),
                "no key: the birth time is compared even where it is not reliable");
        assertFalse(keyless.matches(new FileIdentity(DEV, INO, BORN + 1), false), "a portable identity, no key here");
    }

    /** Attributes with the given file key (its toString is what is parsed) and creation time. */
    private static BasicFileAttributes attrs(String key, long bornNanos) {
        FileTime born = FileTime.from(Instant.ofEpochSecond(Math.floorDiv(bornNanos, 1_000_000_000L),
                Math.floorMod(bornNanos, 1_000_000_000L)));
        Object fileKey = key == null ? null : new Object() {
            @Override
            public String toString() {
                return key;
            }

            @Override
            public boolean equals(Object o) {
                return o != null && o.toString().equals(key);
            }

            @Override
            public int hashCode() {
                return key.hashCode();
            }
        };
        return new BasicFileAttributes() {
            @Override public FileTime lastModifiedTime() { return born; }
            @Override public FileTime lastAccessTime() { return born; }
            @Override public FileTime creationTime() { return born; }
            @Override public boolean isRegularFile() { return true; }
            @Override public boolean isDirectory() { return false; }
            @Override public boolean isSymbolicLink() { return false; }
            @Override public boolean isOther() { return false; }
            @Override public long size() { return 0; }
            @Override public Object fileKey() { return fileKey; }
        };
    }

    /** Issue 13: the file key is read by hand (no regular expression per entry), to the same numbers. */
    @Test
    void theHandReadFileKeyGivesTheNumbersTheJdkPrints() throws Exception {
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("tg-key", ".tmp");
        try {
            BasicFileAttributes real = FsAttributes.lstat(tmp);
            FileIdentity id = FileIdentity.of(real);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(dev=([0-9a-f]+),ino=(\\d+)\\)")
                    .matcher(real.fileKey().toString());
            assertTrue(m.matches(), real.fileKey().toString());
            assertEquals(Long.parseUnsignedLong(m.group(1), 16), id.device());
            assertEquals(Long.parseLong(m.group(2)), id.inode());
        } finally {
            java.nio.file.Files.delete(tmp);
        }
        FileIdentity max = FileIdentity.parseUnixKey("(dev=ffffffffffffffff,ino=9223372036854775807)", 5);
        assertEquals(-1L, max.device(), "all 64 bits of the device");
        assertEquals(Long.MAX_VALUE, max.inode());
        assertEquals(null, FileIdentity.parseUnixKey("(dev=1ffffffffffffffff,ino=1)", 5), "more than 64 bits: not this shape");
        assertEquals(null, FileIdentity.parseUnixKey("(dev=,ino=1)", 5));
        assertEquals(null, FileIdentity.parseUnixKey("(dev=1,ino=x)", 5));
        assertEquals(null, FileIdentity.parseUnixKey("something else", 5));
    }
}
