package io.tempguard.internal.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A path as the registry stores and finds it: its parent directory plus the file name as bytes,
 * the first 32 packed into four {@code long}s (zero-padded: a Unix file name never contains a NUL
 * byte) and the rest, if any, in {@code extra}. A temp file's name (prefix, up to 20 digits,
 * suffix) fits the longs, so a tracked path needs no array and no {@code Path} of its own.
 *
 * <p>Linux file names are bytes, not text. A name is stored as the UTF-8 bytes of its text only
 * where that text turns back into the very same path ({@code parent.resolve(text).equals(path)});
 * a name that does not (bytes that are not valid in the JVM's file name encoding), and a path with
 * no parent, keep the whole {@code Path} in {@code extra} instead. So two different names never
 * become one entry.
 */
final class EntryName {
    private static final int INLINE = 32;

    final Path path;
    /** The parent directory; null when the whole path is kept ({@code extra} is the path). */
    final Path parent;
    final int hash;
    long name0;
    long name1;
    long name2;
    long name3;
    Object extra;

    private EntryName(Path path, Path parent) {
        this.path = path;
        this.parent = parent;
        int h;
        if (parent == null) {
            extra = path;
            h = path.hashCode();
        } else {
            String text = path.getFileName().toString();
            byte[] bytes = storableBytes(text, parent, path);
            if (bytes == null) {
                extra = path;
                h = path.hashCode();
            } else {
                pack(bytes);
                h = parent.hashCode() * 31 + mix(name0, name1, name2, name3);
                if (extra != null) h = h * 31 + Arrays.hashCode((byte[]) extra);
            }
        }
        this.hash = h ^ (h >>> 16);
    }

    /** The parent {@code path} is stored under, or null where the whole path is kept (it has none). */
    static Path parentOf(Path path) {
        return path.getFileName() == null ? null : path.getParent();
    }

    /** The name of {@code path} (absolute, normalized) under {@code parent} ({@link #parentOf}), ready to look up or store. */
    static EntryName of(Path path, Path parent) {
        return new EntryName(path, parent);
    }

    /** The name's bytes if its text stands for exactly this path, else null. */
    private static byte[] storableBytes(String text, Path parent, Path path) {
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            char c = text.charAt(i);
            ascii = c > 0 && c < 0x80;
        }
        if (ascii) {
            byte[] bytes = new byte[text.length()];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) text.charAt(i);
            return bytes;
        }
        // Non-ASCII: valid only if the text is a faithful decoding of the name's bytes.
        if (text.indexOf('\uFFFD') >= 0 || !parent.resolve(text).equals(path)) return null;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void pack(byte[] bytes) {
        long[] words = new long[4];
        for (int i = 0; i < Math.min(bytes.length, INLINE); i++) {
            words[i >> 3] |= (bytes[i] & 0xFFL) << ((i & 7) << 3);
        }
        name0 = words[0];
        name1 = words[1];
        name2 = words[2];
        name3 = words[3];
        extra = bytes.length > INLINE ? Arrays.copyOfRange(bytes, INLINE, bytes.length) : null;
    }

    /** Whether {@code e} is the entry of this path. */
    boolean matches(Entry e) {
        if (e.extra instanceof Path || extra instanceof Path) {
            return e.extra instanceof Path && extra instanceof Path && e.extra.equals(extra);
        }
        return e.name0 == name0 && e.name1 == name1 && e.name2 == name2 && e.name3 == name3
                && (e.extra == null ? extra == null : extra != null && Arrays.equals((byte[]) e.extra, (byte[]) extra))
                && (e.dir.path == parent || e.dir.path.equals(parent));
    }

    /** The hash {@link #of} gives the path of {@code e} (for rehashing). */
    static int hashOf(Entry e) {
        int h;
        if (e.extra instanceof Path) {
            h = e.extra.hashCode();
        } else {
            h = e.dir.path.hashCode() * 31 + mix(e.name0, e.name1, e.name2, e.name3);
            if (e.extra != null) h = h * 31 + Arrays.hashCode((byte[]) e.extra);
        }
        return h ^ (h >>> 16);
    }

    private static int mix(long a, long b, long c, long d) {
        long h = a * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ b) * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ c) * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ d) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The file name of {@code e} as text. */
    static String text(Entry e) {
        int inline = 0;
        long[] words = {e.name0, e.name1, e.name2, e.name3};
        while (inline < INLINE && ((words[inline >> 3] >>> ((inline & 7) << 3)) & 0xFF) != 0) inline++;
        byte[] tail = e.extra instanceof byte[] ? (byte[]) e.extra : null;
        byte[] bytes = new byte[inline + (tail == null ? 0 : tail.length)];
        for (int i = 0; i < inline; i++) bytes[i] = (byte) (words[i >> 3] >>> ((i & 7) << 3));
        if (tail != null) System.arraycopy(tail, 0, bytes, inline, tail.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
