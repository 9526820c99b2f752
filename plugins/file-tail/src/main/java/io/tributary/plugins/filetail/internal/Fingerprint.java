package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
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
        byte[] bytes = leadingBytes(channel, maxLength);
        return of(bytes, bytes.length);
    }

    /** The first {@code maxLength} bytes of {@code channel} (fewer if it is shorter), read with positional reads. */
    static byte[] leadingBytes(FileChannel channel, int maxLength) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(maxLength);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // until the prefix is in or the file ends
        }
        return buf.hasRemaining() ? Arrays.copyOf(buf.array(), buf.position()) : buf.array();
    }

    /** The fingerprint of {@code bytes[0, length)}. */
    static Fingerprint of(byte[] bytes, int length) {
        if (length == 0) {
            return EMPTY;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return new Fingerprint(length, crc.getValue());
    }

    /** Whether {@code channel} starts with the bytes this fingerprint was taken from. */
    public boolean matches(FileChannel channel) throws IOException {
        return length == 0 || read(channel, length).equals(this);
    }

    public boolean isEmpty() {
        return length == 0;
    }
}
