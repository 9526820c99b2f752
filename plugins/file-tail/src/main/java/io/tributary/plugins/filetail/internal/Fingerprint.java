package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * CRC32C of the first {@code length} bytes of a file. Together with {@link FileKey} it tells
 * "the same file, renamed" from "a new file that got a reused inode" or "a file whose content
 * was replaced" (truncated and rewritten): those start with different bytes.
 *
 * <p>The tailer fingerprints the bytes it read ({@link PrefixFingerprint}): a file read to a
 * byte below the configured fingerprint size is fingerprinted over those bytes ({@code length}
 * below the maximum), and the fingerprint grows with the reading; before anything was read it
 * is {@link #EMPTY}, which matches any file (nothing read, nothing to lose by a rewrite).
 *
 * @param length how many leading bytes the CRC covers
 * @param crc    the CRC32C of those bytes
 */
public record Fingerprint(int length, long crc) {
    public static final Fingerprint EMPTY = new Fingerprint(0, 0);

    /** Reads up to {@code maxLength} leading bytes of {@code channel} with positional reads. */
    public static Fingerprint read(FileChannel channel, int maxLength) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(maxLength);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, buf.position());
            if (n <= 0) {
                break;
            }
        }
        if (buf.position() == 0) {
            return EMPTY;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        return new Fingerprint(buf.position(), crc.getValue());
    }

    /** Whether {@code channel} starts with the bytes this fingerprint was taken from. */
    public boolean matches(FileChannel channel) throws IOException {
        return length == 0 || read(channel, length).equals(this);
    }

    public boolean isEmpty() {
        return length == 0;
    }
}
