package io.tempguard.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The agent's crash journals as files, read by the tests' own decoder of the documented layout
 * (nothing of tempguard's reader is used), so a test can say what a journal lists and where its
 * records lie:
 *
 * <pre>
 * header:  "TGJ1" | u16 version | u32 header length | i64 pid | i64 process start (epoch ms)
 *          | i64 created (epoch ms) | u16 root count | root... | u32 CRC32
 * root:    (u16 length, UTF-8 bytes); from version 3 followed by u8 flags | i64 device | i64 inode
 *          | i64 birth time (ns) of the directory it named
 * superblock: at the header length rounded up to 8: i64 (log start &lt;&lt; 32 | ~log start), the
 *          log (the records) starts there
 * record:  u32 payload length (0 = end of log) | payload | u32 CRC32 of payload
 * payload: u8 1 (REGISTER) | u8 kind (1 = directory) | i64 device | i64 inode | i64 birth time | u16 length, path
 *          u8 2 (UNREGISTER) | u16 length, path
 * </pre>
 */
public final class Journals {
    public static final String PREFIX = "journal-";
    public static final String SUFFIX = ".tgj";

    /** One valid record: where it lies in the file, and the path it names. */
    public record Record(int start, int end, boolean register, String path) {
    }

    /** A journal as decoded: its header, its valid records, and what they leave listed. */
    public static final class Journal {
        public final long pid;
        public final long startMillis;
        public final List<String> roots;
        public final List<Record> records;
        /** Path to "FILE" or "DIRECTORY": registered and not unregistered since. */
        public final Map<String, String> listed;
        /** Offset of the end-of-log mark (or of the bad record). */
        public final int end;
        /** Null when the log ends with its zero mark; else why decoding stopped. */
        public final String problem;

        Journal(long pid, long startMillis, List<String> roots, List<Record> records, Map<String, String> listed,
                int end, String problem) {
            this.pid = pid;
            this.startMillis = startMillis;
            this.roots = roots;
            this.records = records;
            this.listed = listed;
            this.end = end;
            this.problem = problem;
        }

        public Record lastRecord() {
            if (records.isEmpty()) throw new AssertionError("the journal holds no record");
            return records.get(records.size() - 1);
        }
    }

    /** The journal files ({@code journal-*.tgj}) in {@code dir}, sorted; none if it does not exist. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal of process {@code pid} in {@code dir} ({@code journal-<pid>-<start>.tgj}), or null. */
    public static Path of(Path dir, long pid) {
        List<Path> found = new ArrayList<>();
        for (Path p : list(dir)) {
            if (p.getFileName().toString().startsWith(PREFIX + pid + "-")) found.add(p);
        }
        if (found.size() > 1) throw new AssertionError("more than one journal of pid " + pid + ": " + found);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Decodes {@code file}; null if it is gone. Fails if even its header is unreadable. */
    public static Journal read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[4];
            buf.get(magic);
            if (!Arrays.equals(magic, "TGJ1".getBytes(StandardCharsets.US_ASCII))) {
                throw new AssertionError(file + ": bad magic");
            }
            short version = buf.getShort();
            int headerLength = buf.getInt();
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, headerLength - 4);
            if ((int) crc.getValue() != buf.getInt(headerLength - 4)) throw new AssertionError(file + ": header CRC");
            long pid = buf.getLong();
            long start = buf.getLong();
            buf.getLong(); // created
            int rootCount = buf.getShort() & 0xFFFF;
            List<String> roots = new ArrayList<>();
            for (int i = 0; i < rootCount; i++) {
                roots.add(string(buf));
                if (version >= 3) buf.position(buf.position() + 1 + 8 + 8 + 8); // the root's identity
            }
            int superblock = (headerLength + 7) & ~7;
            long value = buf.getLong(superblock);
            int logStart = (int) (value >>> 32);
            if ((int) value != ~logStart) throw new AssertionError(file + ": bad superblock");
            buf.position(logStart);

            List<Record> records = new ArrayList<>();
            Map<String, String> listed = new LinkedHashMap<>();
            String problem = "no end-of-log mark";
            while (buf.remaining() >= 4) {
                int at = buf.position();
                int length = buf.getInt();
                if (length == 0) {
                    problem = null;
                    buf.position(at);
                    break;
                }
                if (length < 3 || length > buf.remaining() - 4) {
                    problem = "record at " + at + " cut short (length " + length + ")";
                    buf.position(at);
                    break;
                }
                crc.reset();
                crc.update(bytes, buf.position(), length);
                if ((int) crc.getValue() != buf.getInt(buf.position() + length)) {
                    problem = "record at " + at + " fails its CRC";
                    buf.position(at);
                    break;
                }
                ByteBuffer payload = ByteBuffer.wrap(bytes, buf.position(), length).slice();
                buf.position(buf.position() + length + 4);
                byte type = payload.get();
                if (type == 1) {
                    String kind = payload.get() == 1 ? "DIRECTORY" : "FILE";
                    payload.getLong();
                    payload.getLong();
                    payload.getLong();
                    String path = string(payload);
                    listed.put(path, kind);
                    records.add(new Record(at, buf.position(), true, path));
                } else if (type == 2) {
                    String path = string(payload);
                    listed.remove(path);
                    records.add(new Record(at, buf.position(), false, path));
                } else {
                    throw new AssertionError(file + ": record at " + at + " has type " + type);
                }
            }
            return new Journal(pid, start, Collections.unmodifiableList(roots), Collections.unmodifiableList(records),
                    Collections.unmodifiableMap(listed), buf.position(), problem);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new AssertionError(file + ": truncated header (" + bytes.length + " bytes)", e);
        }
    }

    private static String string(ByteBuffer buf) {
        int length = buf.getShort() & 0xFFFF;
        byte[] b = new byte[length];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private Journals() {
    }
}
