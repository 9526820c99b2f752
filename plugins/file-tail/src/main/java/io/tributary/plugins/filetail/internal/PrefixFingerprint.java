package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A file's {@link Fingerprint} built from the bytes the tailer read, as it reads them: it always covers the first
 * {@code min(read offset, fingerprint-bytes)} bytes, exactly the bytes the emitted lines came from.
 *
 * <p>Why not fingerprint what the file holds at some later look (a scan): a file opened while still empty (a new
 * file the directory watch announced before its writer wrote) would be read for a while with no fingerprint at
 * all, and a copytruncate refilling it past the read offset in that window was then invisible: the size showed no
 * truncation, an empty fingerprint matched the new bytes, the next scan adopted them, and the lines before the old
 * offset were never read; a position checkpointed in that window was resumed in the rewritten file after a restart.
 * Confined to the tailer thread.
 */
final class PrefixFingerprint {
    private final int maxLength;
    private final CRC32C crc = new CRC32C();
    private int length;
    private Fingerprint current = Fingerprint.EMPTY;

    PrefixFingerprint(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Starts over, covering the file's first {@code min(offset, fingerprint-bytes)} bytes as they are now: where
     * reading (re)starts at {@code offset}, the bytes before it were read by an earlier open. Returns false, covering
     * nothing, when the file does not start with {@code expected}'s bytes (the fingerprint saved then; {@code null}:
     * none to check): one read serves both, so a rewrite between a check and the fingerprint cannot slip through.
     * No I/O for offset 0 without {@code expected}.
     */
    boolean restart(FileChannel channel, long offset, Fingerprint expected) throws IOException {
        crc.reset();
        length = 0;
        current = Fingerprint.EMPTY;
        int checked = expected == null ? 0 : expected.length();
        int seeded = (int) Math.min(offset, maxLength);
        int want = Math.max(checked, seeded);
        if (want == 0) {
            return true;
        }
        // One read for the check and the seed: the file shorter meanwhile makes the fingerprint shorter too.
        byte[] bytes = Fingerprint.leadingBytes(channel, want);
        if (checked > 0 && (bytes.length < checked || !Fingerprint.of(bytes, checked).equals(expected))) {
            return false;
        }
        add(bytes, 0, Math.min(seeded, bytes.length), 0);
        return true;
    }

    Fingerprint current() {
        return current;
    }

    /**
     * Takes in {@code n} bytes just read at offset {@code at}; returns the fingerprint. Only bytes continuing the
     * covered prefix count, so a read past a gap (the file shorter than its offset when reopened) adds nothing.
     */
    Fingerprint add(byte[] buf, int off, int n, long at) {
        if (length >= maxLength || at > length || at + n <= length) {
            return current;
        }
        int skip = (int) (length - at);
        int take = Math.min(n - skip, maxLength - length);
        crc.update(buf, off + skip, take);
        length += take;
        current = new Fingerprint(length, crc.getValue());
        return current;
    }
}
