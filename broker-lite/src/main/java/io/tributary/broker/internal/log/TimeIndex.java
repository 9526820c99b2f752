package io.tributary.broker.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Sparse time index of one segment.
 *
 * <p>On-disk format ({@code <20-digit base offset>.timeindex}): a sequence of 12-byte big-endian entries
 * {@code (long timestamp, int relativeOffset)}. An entry {@code (T, O)} means: the largest timestamp of all
 * records at offsets {@code <= O} is {@code T} (it is the running maximum, recorded with the last offset of the
 * batch that reached it). Hence every record at an offset {@code <= O} has a timestamp {@code <= T}.
 *
 * <p>Invariants: timestamps and relative offsets are both strictly increasing (an entry is only added when
 * the running maximum grows). A file violating them fails {@link #load} with a {@link CorruptIndexException}.
 * Entries are also kept in memory for binary search.
 *
 * <p>Thread-safety: all methods are synchronized.
 */
final class TimeIndex implements Closeable {

    static final int ENTRY_SIZE = 12;

    /** One index entry; {@code timestamp} is {@link RecordBatch#NO_TIMESTAMP} for "no entry". */
    record Entry(long timestamp, long offset) {
    }

    private final long baseOffset;
    private final FileChannel channel;
    private Path file;
    private long[] timestamps;
    private int[] relativeOffsets;
    private int entries;

    private TimeIndex(Path file, FileChannel channel, long baseOffset, long[] timestamps, int[] relativeOffsets,
                      int entries) {
        this.file = file;
        this.channel = channel;
        this.baseOffset = baseOffset;
        this.timestamps = timestamps;
        this.relativeOffsets = relativeOffsets;
        this.entries = entries;
    }

    /** Creates an empty index, replacing any existing file. */
    static TimeIndex create(Path file, long baseOffset) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new TimeIndex(file, ch, baseOffset, new long[16], new int[16], 0);
    }

    /**
     * Loads and validates an existing index.
     *
     * @throws CorruptIndexException if the file violates the invariants (the file is left untouched)
     */
    static TimeIndex load(Path file, long baseOffset) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            if (size % ENTRY_SIZE != 0) {
                throw new CorruptIndexException("size " + size + " of " + file + " is not a multiple of " + ENTRY_SIZE);
            }
            int n = (int) (size / ENTRY_SIZE);
            ByteBuffer buf = ByteBuffer.allocate(n * ENTRY_SIZE);
            while (buf.hasRemaining()) {
                if (ch.read(buf, buf.position()) < 0) {
                    throw new CorruptIndexException("unexpected end of " + file);
                }
            }
            buf.flip();
            long[] ts = new long[Math.max(16, n)];
            int[] rel = new int[Math.max(16, n)];
            for (int i = 0; i < n; i++) {
                ts[i] = buf.getLong();
                rel[i] = buf.getInt();
                if (rel[i] < 0 || (i > 0 && (ts[i] <= ts[i - 1] || rel[i] <= rel[i - 1]))) {
                    throw new CorruptIndexException("entry " + i + " of " + file + " is not increasing");
                }
            }
            ch.position(size);
            return new TimeIndex(file, ch, baseOffset, ts, rel, n);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Adds {@code (timestamp, offset)} if {@code timestamp} is greater than the last entry's timestamp
     * (or the index is empty and the timestamp is set). {@code offset} must then be after the last entry.
     */
    synchronized void maybeAppend(long timestamp, long offset) throws IOException {
        if (timestamp == RecordBatch.NO_TIMESTAMP || (entries > 0 && timestamp <= timestamps[entries - 1])) {
            return;
        }
        long rel = offset - baseOffset;
        if (rel < 0 || rel > Integer.MAX_VALUE || (entries > 0 && rel <= relativeOffsets[entries - 1])) {
            throw new IllegalArgumentException("time index entry (" + timestamp + ", " + offset
                    + ") is not after the last entry " + lastEntry());
        }
        ByteBuffer buf = ByteBuffer.allocate(ENTRY_SIZE).putLong(timestamp).putInt((int) rel).flip();
        long at = (long) entries * ENTRY_SIZE;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
        if (entries == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, entries * 2);
            relativeOffsets = Arrays.copyOf(relativeOffsets, entries * 2);
        }
        timestamps[entries] = timestamp;
        relativeOffsets[entries] = (int) rel;
        entries++;
    }

    /**
     * The entry with the largest timestamp {@code <= targetTimestamp}, or
     * {@code (NO_TIMESTAMP, segment base offset)} if there is none.
     */
    synchronized Entry lookup(long targetTimestamp) {
        if (entries == 0 || targetTimestamp < timestamps[0]) {
            return new Entry(RecordBatch.NO_TIMESTAMP, baseOffset);
        }
        int idx = Arrays.binarySearch(timestamps, 0, entries, targetTimestamp);
        int i = idx >= 0 ? idx : -idx - 2;
        return new Entry(timestamps[i], baseOffset + relativeOffsets[i]);
    }

    /** The last entry, or {@code (NO_TIMESTAMP, segment base offset)} if the index is empty. */
    synchronized Entry lastEntry() {
        return entries == 0
                ? new Entry(RecordBatch.NO_TIMESTAMP, baseOffset)
                : new Entry(timestamps[entries - 1], baseOffset + relativeOffsets[entries - 1]);
    }

    synchronized int entries() {
        return entries;
    }

    /** Removes every entry whose offset is {@code >= offset}. */
    synchronized void truncateTo(long offset) throws IOException {
        int keep = entries;
        while (keep > 0 && baseOffset + relativeOffsets[keep - 1] >= offset) {
            keep--;
        }
        if (keep < entries) {
            entries = keep;
            channel.truncate((long) entries * ENTRY_SIZE);
        }
    }

    /** Removes every entry. */
    synchronized void reset() throws IOException {
        entries = 0;
        channel.truncate(0);
    }

    synchronized Path file() {
        return file;
    }

    void flush() throws IOException {
        channel.force(true);
    }

    /** Renames the file; the open channel keeps working (POSIX semantics). */
    synchronized void renameTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Closes the channel and deletes the file. */
    synchronized void deleteIfExists() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
