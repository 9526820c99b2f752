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

/**
 * Sparse offset index of one segment: maps offsets to byte positions in the segment's {@code .log} file.
 *
 * <p>On-disk format ({@code <20-digit base offset>.index}): a sequence of 8-byte big-endian entries
 * {@code (int relativeOffset, int position)}, where {@code relativeOffset = batchBaseOffset - segmentBaseOffset}
 * and {@code position} is the byte position of that batch in the log file. No header, no padding.
 *
 * <p>Invariants: relative offsets and positions are both strictly increasing; the first entry (if any) is at
 * position 0; every position is below the log file size. A file violating them fails {@link #load} with a
 * {@link CorruptIndexException} and must be rebuilt from the log. Entries are also kept in memory (growable
 * int arrays) for binary search.
 *
 * <p>Thread-safety: all methods are synchronized, so {@link #lookup} may run concurrently with {@link #append}.
 */
final class OffsetIndex implements Closeable {

    static final int ENTRY_SIZE = 8;

    private final long baseOffset;
    private final FileChannel channel;
    private Path file;
    private int[] relativeOffsets;
    private int[] positions;
    private int entries;

    private OffsetIndex(Path file, FileChannel channel, long baseOffset, int[] relativeOffsets, int[] positions,
                        int entries) {
        this.file = file;
        this.channel = channel;
        this.baseOffset = baseOffset;
        this.relativeOffsets = relativeOffsets;
        this.positions = positions;
        this.entries = entries;
    }

    /** Creates an empty index, replacing any existing file. */
    static OffsetIndex create(Path file, long baseOffset) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new OffsetIndex(file, ch, baseOffset, new int[16], new int[16], 0);
    }

    /**
     * Loads and validates an existing index.
     *
     * @param logSizeInBytes size of the segment's log file; every entry must point below it
     * @throws CorruptIndexException if the file violates the invariants (the file is left untouched)
     */
    static OffsetIndex load(Path file, long baseOffset, int logSizeInBytes) throws IOException {
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
            int[] rel = new int[Math.max(16, n)];
            int[] pos = new int[Math.max(16, n)];
            for (int i = 0; i < n; i++) {
                rel[i] = buf.getInt();
                pos[i] = buf.getInt();
                if (i == 0 && (rel[0] < 0 || pos[0] != 0)) {
                    throw new CorruptIndexException("first entry (" + rel[0] + ", " + pos[0] + ") of " + file
                            + " does not point at the start of the segment");
                }
                if (i > 0 && (rel[i] <= rel[i - 1] || pos[i] <= pos[i - 1])) {
                    throw new CorruptIndexException("entry " + i + " of " + file + " is not increasing");
                }
                if (pos[i] >= logSizeInBytes) {
                    throw new CorruptIndexException("entry " + i + " of " + file + " points at position " + pos[i]
                            + " beyond the log size " + logSizeInBytes);
                }
            }
            ch.position(size);
            return new OffsetIndex(file, ch, baseOffset, rel, pos, n);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Adds an entry for the batch starting at {@code offset}, stored at {@code position} of the log file. */
    synchronized void append(long offset, int position) throws IOException {
        long rel = offset - baseOffset;
        if (rel < 0 || rel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " out of range for segment " + baseOffset);
        }
        if (entries > 0 && (rel <= relativeOffsets[entries - 1] || position <= positions[entries - 1])) {
            throw new IllegalArgumentException("index entry (" + offset + ", " + position
                    + ") is not after the last entry (" + lastOffset() + ", " + positions[entries - 1] + ")");
        }
        ByteBuffer buf = ByteBuffer.allocate(ENTRY_SIZE).putInt((int) rel).putInt(position).flip();
        long at = (long) entries * ENTRY_SIZE;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
        if (entries == relativeOffsets.length) {
            relativeOffsets = Arrays.copyOf(relativeOffsets, entries * 2);
            positions = Arrays.copyOf(positions, entries * 2);
        }
        relativeOffsets[entries] = (int) rel;
        positions[entries] = position;
        entries++;
    }

    /** Position of the largest entry whose offset is {@code <= targetOffset}, or 0 if there is none. */
    synchronized int lookup(long targetOffset) {
        int i = floorEntry(targetOffset);
        return i < 0 ? 0 : positions[i];
    }

    /** Removes every entry whose offset is {@code >= offset}. */
    synchronized void truncateTo(long offset) throws IOException {
        int keep = floorEntry(offset - 1) + 1;
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

    synchronized int entries() {
        return entries;
    }

    /** Offset of the last entry, or the segment base offset if the index is empty. */
    synchronized long lastOffset() {
        return entries == 0 ? baseOffset : baseOffset + relativeOffsets[entries - 1];
    }

    /** Position of the last entry, or 0 if the index is empty. */
    synchronized int lastPosition() {
        return entries == 0 ? 0 : positions[entries - 1];
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

    /** Index of the largest entry with offset {@code <= target}, or -1. */
    private int floorEntry(long target) {
        long rel = target - baseOffset;
        if (entries == 0 || rel < relativeOffsets[0]) {
            return -1;
        }
        if (rel > Integer.MAX_VALUE) {
            return entries - 1;
        }
        int idx = Arrays.binarySearch(relativeOffsets, 0, entries, (int) rel);
        return idx >= 0 ? idx : -idx - 2;
    }
}
