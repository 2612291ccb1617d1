package io.tempguard.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a file front to back through one fixed-size buffer, so that reading a journal takes the
 * same memory whatever the file's size: a journal of a JVM that churned through millions of temp
 * files can be hundreds of MB, and the JVM that sweeps it may have a small heap.
 */
final class ChannelInput {
    /** Where bytes come from: a file channel, or (in tests) bytes in memory. */
    interface Source {
        /** Like {@link FileChannel#read(ByteBuffer, long)}: bytes read, or -1 at the end. */
        int read(ByteBuffer target, long position) throws IOException;
    }

    static Source of(final FileChannel channel) {
        return new Source() {
            @Override
            public int read(ByteBuffer target, long position) throws IOException {
                return channel.read(target, position);
            }
        };
    }

    static Source of(final ByteBuffer bytes) {
        return new Source() {
            @Override
            public int read(ByteBuffer target, long position) {
                if (position >= bytes.limit()) return -1;
                ByteBuffer from = bytes.duplicate();
                from.position((int) position);
                from.limit((int) Math.min(bytes.limit(), position + target.remaining()));
                int n = from.remaining();
                target.put(from);
                return n;
            }
        };
    }

    /** Zeros to compare against; read-only and shared, each use takes a duplicate of its own. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(8192).asReadOnlyBuffer();

    private final Source channel;
    private final long size;
    private final ByteBuffer buffer;
    /** File offset of the buffer's first byte. */
    private long bufferStart;

    /** @param capacity the buffer size: at least the largest unit ({@link #require}) ever asked for */
    ChannelInput(Source channel, long size, long start, int capacity) {
        this.channel = channel;
        this.size = size;
        this.buffer = ByteBuffer.allocate(capacity);
        this.buffer.limit(0);
        this.bufferStart = start;
    }

    /** File offset of the next unread byte. */
    long position() {
        return bufferStart + buffer.position();
    }

    /**
     * Makes the next {@code n} bytes of the file readable at the buffer's position; false if the
     * file ends before them. {@code n} must not exceed the capacity.
     */
    boolean require(int n) throws IOException {
        if (buffer.remaining() >= n) return true;
        if (n > buffer.capacity()) throw new IllegalArgumentException(n + " bytes exceed the buffer");
        long next = position();
        buffer.compact(); // keep the unread bytes, at the buffer's start
        bufferStart = next;
        while (buffer.position() < n) {
            long at = bufferStart + buffer.position();
            if (at >= size) break;
            int limit = (int) Math.min(buffer.capacity(), size - bufferStart);
            buffer.limit(limit);
            if (channel.read(buffer, at) < 0) break;
            buffer.limit(buffer.capacity());
        }
        buffer.flip();
        return buffer.remaining() >= n;
    }

    /** Moves the read position to {@code offset}, forward or back. */
    void seek(long offset) {
        if (offset >= bufferStart && offset <= bufferStart + buffer.limit()) {
            buffer.position((int) (offset - bufferStart));
            return;
        }
        bufferStart = offset;
        buffer.position(0).limit(0);
    }

    /**
     * Reads on up to {@code end} (or the end of the file) while the bytes are zero; returns the
     * offset of the first non-zero byte, the read position left there, or -1 if there is none.
     */
    long skipZeros(long end) throws IOException {
        while (position() < end) {
            int wanted = (int) Math.min(buffer.capacity(), end - position());
            if (!require(wanted) && !buffer.hasRemaining()) return -1; // the file ends first
            int from = buffer.position();
            int to = from + Math.min(buffer.remaining(), wanted);
            // ByteBuffer.mismatch compares many bytes per instruction: the rest of a journal's
            // region is megabytes of zeros, and a byte-by-byte loop cost a twentieth of a sweep.
            for (int i = from; i < to; ) {
                int n = Math.min(ZEROS.capacity(), to - i);
                ByteBuffer chunk = buffer.duplicate();
                chunk.limit(i + n);
                chunk.position(i);
                ByteBuffer zeros = ZEROS.duplicate();
                zeros.limit(n);
                int differs = chunk.mismatch(zeros);
                if (differs >= 0) {
                    buffer.position(i + differs);
                    return position();
                }
                i += n;
            }
            buffer.position(to);
        }
        return -1;
    }

    /** The buffer, positioned at the next unread byte; callers read at most what they required. */
    ByteBuffer buffer() {
        return buffer;
    }
}
