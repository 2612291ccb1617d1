package io.tempguard.internal.journal;

import io.tempguard.internal.journal.JournalReader.Listed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Rewrites an orphaned journal, under the sweeper's lock, to list only the paths a sweep could not
 * delete, so the next sweep retries exactly those.
 */
public final class JournalRewriter {

    /**
     * @param roots the roots as the journal recorded them: their identities are kept, never taken
     *              anew, so a root replaced since the owner died stays refused
     */
    public static void rewrite(FileChannel channel, ProcessIdentity owner, List<JournalRoot> roots, List<Listed> keep)
            throws IOException {
        byte[] header = JournalFormat.headerOf(owner, System.currentTimeMillis(), roots);
        int first = JournalFormat.firstRegion(header.length);
        int size = first + 4;
        for (Listed l : keep) {
            size += JournalFormat.recordSize(JournalFormat.registerPayloadLength(JournalFormat.pathBytes(l.path())));
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(header);
        while (buf.position() < JournalFormat.superblockOffset(header.length)) buf.put((byte) 0);
        buf.putLong(JournalFormat.superblock(first));
        CRC32 crc = new CRC32();
        for (Listed l : keep) {
            JournalFormat.putRegister(buf, JournalFormat.pathBytes(l.path()), l.kind(), l.identity(), crc);
        }
        buf.putInt(0); // end of log
        buf.flip();
        channel.truncate(0);
        long position = 0;
        while (buf.hasRemaining()) position += channel.write(buf, position);
    }

    private JournalRewriter() {
    }
}
