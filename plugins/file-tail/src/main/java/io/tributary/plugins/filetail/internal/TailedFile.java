package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import io.tributary.plugin.api.SourceContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file the source knows in this run, open or waiting for a slot, keyed by its
 * {@link FileKey}. Holds the read offset, the line splitter's partial line and the multiline
 * assembler's held event. Confined to the tailer thread.
 *
 * <p>Offsets: {@code readOffset} is the next byte to read from the channel;
 * {@link LineSplitter#lineStart()} ({@code <= readOffset}) is where re-reading must start to
 * lose nothing. When the file is closed to make room (max-open-files) it resumes at
 * {@code resumeOffset} and must still start with {@code expectedFingerprint}.
 */
final class TailedFile {
    final FileKey key;
    final String positionKey;
    /** Volatile, as the offsets below: {@link #lagBytes()} reads them from the metrics thread. */
    volatile Path path;
    String pathText;

    FileChannel channel;
    volatile long readOffset;
    LineSplitter splitter;
    EventAssembler assembler;
    /** The first {@code min(readOffset, fingerprint-bytes)} bytes as this run read them (see {@link PrefixFingerprint}). */
    Fingerprint fingerprint = Fingerprint.EMPTY;
    final PrefixFingerprint prefix;
    /** The constant tail of this file's position values; changes with the fingerprint. */
    String positionSuffix = FilePosition.suffix(Fingerprint.EMPTY);

    /** Where to start when (re)opened, and the fingerprint the file must still have for that. */
    volatile long resumeOffset;
    Fingerprint expectedFingerprint;
    /** Why the first open starts where it does, for the operator log line. */
    String origin;
    /** Whether the first open must checkpoint its start offset (start-at end: bytes skipped). */
    boolean checkpointStart;

    /** The last read found no more bytes. */
    boolean atEnd;
    boolean everOpened;
    long lastSeenSize = -1;
    /** Size when it was last closed to make room: it is worth reopening once a scan sees another. */
    long closedAtSize = -1;
    /** Closed after a read error: reopen even without new data. */
    boolean mustRetry;
    long lastDataNanos;
    /** Set when the file's path no longer leads to it (renamed away or deleted). */
    boolean orphan;
    /** Scan count at which opening failed; retried after the next scan. */
    long failedAtScan = -1;
    boolean truncationLogged;
    /** This file's {@code file.lag.bytes} on the agent's /metrics. */
    SourceContext.Gauge lagGauge = SourceContext.Gauge.NONE;

    TailedFile(FileKey key, Path path, int fingerprintBytes) {
        this.key = key;
        this.positionKey = key.positionKey();
        this.prefix = new PrefixFingerprint(fingerprintBytes);
        setPath(path);
    }

    void setPath(Path path) {
        this.path = path;
        this.pathText = path.toString();
    }

    /**
     * Reading (re)starts at {@code offset} of the open channel: the fingerprint covers the bytes before it, as they
     * are now. Returns false (then it covers nothing) when the file does not start with {@code expected}'s bytes.
     */
    boolean fingerprintFrom(long offset, Fingerprint expected) throws IOException {
        boolean matched = prefix.restart(channel, offset, expected);
        setFingerprint(prefix.current());
        return matched;
    }

    private void setFingerprint(Fingerprint fp) {
        if (!fp.equals(fingerprint)) {
            fingerprint = fp;
            positionSuffix = FilePosition.suffix(fp);
        }
    }

    /** Bytes in the file past the next one to read (0 when read to the end); NaN if it cannot be sized. Any thread. */
    double lagBytes() {
        try {
            return Math.max(0, Files.size(path) - Math.max(readOffset, resumeOffset));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    boolean isOpen() {
        return channel != null;
    }

    /**
     * Reads up to about {@code budget} bytes from {@code readOffset} into the splitter (which
     * emits complete lines through the assembler); returns the number of bytes read, 0 at the
     * end. Sets {@link #atEnd} when it reached the end.
     */
    long read(ByteBuffer buffer, long budget) throws IOException, InterruptedException {
        long total = 0;
        byte[] array = buffer.array();
        while (total < budget) {
            buffer.clear();
            int n = channel.read(buffer, readOffset);
            if (n <= 0) {
                atEnd = true;
                break;
            }
            long at = readOffset;
            readOffset += n;
            total += n;
            // Before the lines are emitted: their positions carry the fingerprint of the bytes they were read with.
            setFingerprint(prefix.add(array, 0, n, at));
            splitter.feed(array, 0, n, at, assembler);
            if (n < buffer.capacity()) {
                // A short read: this was the end a moment ago. Stop here so that whatever comes
                // next is looked at first (size and fingerprint: truncated or rewritten meanwhile?).
                atEnd = true;
                break;
            }
        }
        return total;
    }

    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a read-only channel cannot lose data
            }
            channel = null;
        }
    }

    @Override
    public String toString() {
        return pathText + " (" + positionKey + ")";
    }
}
