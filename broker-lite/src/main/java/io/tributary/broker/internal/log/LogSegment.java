package io.tributary.broker.internal.log;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * One segment of a partition log: a {@code .log} file of record batches plus its {@link OffsetIndex} and
 * {@link TimeIndex}.
 *
 * <p>On-disk format: {@code <20-digit base offset>.log} holds Kafka v2 record batches back to back, exactly as
 * produced on the wire (after offset assignment), with no header or trailer. Batches are whole and contiguous,
 * their offsets strictly increase and every offset {@code o} satisfies
 * {@code 0 <= o - baseOffset <= Integer.MAX_VALUE}. The indexes get an entry for the first batch and then for
 * the first batch after at least {@code indexIntervalBytes} bytes since the previous entry.
 *
 * <p>Crash safety: data is written before its index entries, and the indexes are rebuilt by {@link #recover}
 * whenever they cannot be trusted, so an index never has to be more durable than the log.
 *
 * <p>Thread-safety: a single writer (the owning {@link PartitionLog}, under its lock) calls the mutators
 * ({@link #append}, {@link #recover}, {@link #truncateTo}, {@link #onBecomeInactive}, {@link #flush},
 * {@link #close}). {@link #read}, {@link #findOffsetByTimestamp}, {@link #maxTimestampAndOffset} and the
 * accessors may run concurrently with {@link #append}: the log file's size only grows after a batch is fully
 * written, so readers only ever see whole batches.
 */
final class LogSegment implements Closeable {

    /** Running maximum timestamp and the last offset of the batch that first reached it. */
    private record MaxTimestamp(long timestamp, long offset) {
        static final MaxTimestamp NONE = new MaxTimestamp(RecordBatch.NO_TIMESTAMP, -1L);
    }

    private final long baseOffset;
    private final FileRecords log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;

    private long rollBaseMs;
    private int bytesSinceLastIndexEntry;
    private String indexRebuildReason;
    private volatile long nextOffset;
    private volatile MaxTimestamp maxTimestamp = MaxTimestamp.NONE;

    private LogSegment(long baseOffset, FileRecords log, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       int indexIntervalBytes, long nowMs) {
        this.baseOffset = baseOffset;
        this.log = log;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.rollBaseMs = nowMs;
        this.nextOffset = baseOffset;
    }

    /** Creates a new, empty segment (replacing any leftover files of the same name). */
    static LogSegment create(Path dir, long baseOffset, int indexIntervalBytes, long nowMs) throws IOException {
        Path logFile = LogFileNames.logFile(dir, baseOffset);
        Files.deleteIfExists(logFile);
        FileRecords log = FileRecords.open(logFile.toFile(), true, false, 0, false);
        try {
            OffsetIndex oi = OffsetIndex.create(LogFileNames.indexFile(dir, baseOffset), baseOffset);
            TimeIndex ti = TimeIndex.create(LogFileNames.timeIndexFile(dir, baseOffset), baseOffset);
            return new LogSegment(baseOffset, log, oi, ti, indexIntervalBytes, nowMs);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /**
     * Opens an existing segment. Its indexes are loaded and cross-checked against the end of the log; if
     * either is missing or invalid, {@link #indexRebuildReason()} says why and the caller must run
     * {@link #recover} before using the segment.
     */
    static LogSegment open(Path dir, long baseOffset, int indexIntervalBytes, long nowMs) throws IOException {
        FileRecords log = FileRecords.open(LogFileNames.logFile(dir, baseOffset).toFile(), true, true, 0, false);
        OffsetIndex oi = null;
        TimeIndex ti = null;
        String reason = null;
        try {
            Path idx = LogFileNames.indexFile(dir, baseOffset);
            if (!Files.exists(idx)) {
                reason = "missing " + idx.getFileName();
            } else {
                try {
                    oi = OffsetIndex.load(idx, baseOffset, log.sizeInBytes());
                } catch (CorruptIndexException e) {
                    reason = e.getMessage();
                }
            }
            if (oi == null) {
                oi = OffsetIndex.create(idx, baseOffset);
            }
            Path tidx = LogFileNames.timeIndexFile(dir, baseOffset);
            if (!Files.exists(tidx)) {
                reason = reason != null ? reason : "missing " + tidx.getFileName();
            } else {
                try {
                    ti = TimeIndex.load(tidx, baseOffset);
                } catch (CorruptIndexException e) {
                    reason = reason != null ? reason : e.getMessage();
                }
            }
            if (ti == null) {
                ti = TimeIndex.create(tidx, baseOffset);
            }
            LogSegment segment = new LogSegment(baseOffset, log, oi, ti, indexIntervalBytes, nowMs);
            if (reason == null) {
                try {
                    segment.loadTailState();
                } catch (CorruptIndexException | CorruptRecordException | InvalidRecordException e) {
                    reason = e.getMessage();
                }
            }
            segment.indexRebuildReason = reason;
            return segment;
        } catch (IOException | RuntimeException e) {
            log.close();
            if (oi != null) {
                oi.close();
            }
            if (ti != null) {
                ti.close();
            }
            throw e;
        }
    }

    /** Why the indexes could not be trusted when the segment was opened, or null if they could. */
    String indexRebuildReason() {
        return indexRebuildReason;
    }

    /**
     * Appends batches whose offsets are already assigned, all within this segment's range.
     *
     * @param largestOffset the last offset of the last batch
     * @param maxTimestamp  the largest batch max timestamp in {@code records}
     */
    void append(long largestOffset, long maxTimestamp, MemoryRecords records) throws IOException {
        if (records.sizeInBytes() == 0) {
            return;
        }
        if (largestOffset < nextOffset || largestOffset - baseOffset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("largest offset " + largestOffset + " cannot be appended to segment "
                    + baseOffset + " with next offset " + nextOffset);
        }
        int position = log.sizeInBytes();
        log.append(records);
        for (RecordBatch batch : records.batches()) {
            indexBatch(batch, position);
            position += batch.sizeInBytes();
        }
        MaxTimestamp max = this.maxTimestamp;
        if (maxTimestamp > max.timestamp()) {
            this.maxTimestamp = new MaxTimestamp(maxTimestamp, largestOffset);
        }
        nextOffset = largestOffset + 1;
    }

    /** Same as {@link #read(long, int, boolean, long)} without an upper offset bound. */
    FileRecords read(long startOffset, int maxBytes, boolean minOneBatch) {
        return read(startOffset, maxBytes, minOneBatch, Long.MAX_VALUE);
    }

    /**
     * Whole batches starting with the batch that contains {@code startOffset} (or the first batch after it),
     * at most {@code maxBytes} in total, none of them starting at or after {@code maxOffsetExclusive}. If the
     * first batch alone is bigger than {@code maxBytes} it is returned whole when {@code minOneBatch}, else an
     * empty slice is returned.
     *
     * @return a slice of the log file, or null if no batch in this segment has {@code lastOffset >= startOffset}
     */
    FileRecords read(long startOffset, int maxBytes, boolean minOneBatch, long maxOffsetExclusive) {
        FileRecords.LogOffsetPosition start =
                log.searchForOffsetFromPosition(startOffset, offsetIndex.lookup(startOffset));
        if (start == null) {
            return null;
        }
        if (start.offset >= maxOffsetExclusive) {
            return log.slice(start.position, 0);
        }
        int total = 0;
        for (FileChannelRecordBatch batch : log.slice(start.position, Math.max(0, maxBytes)).batches()) {
            if (batch.baseOffset() >= maxOffsetExclusive) {
                break;
            }
            total += batch.sizeInBytes();
        }
        if (total == 0 && minOneBatch) {
            total = start.size;
        }
        return log.slice(start.position, total);
    }

    /**
     * The first record at or after {@code startingOffset} whose timestamp is {@code >= targetTimestamp}, or
     * null if this segment has none.
     */
    FileRecords.TimestampAndOffset findOffsetByTimestamp(long targetTimestamp, long startingOffset) {
        // Every record at an offset <= entry.offset has a timestamp <= entry.timestamp < target.
        long from = startingOffset;
        if (targetTimestamp != Long.MIN_VALUE) {
            from = Math.max(from, timeIndex.lookup(targetTimestamp - 1).offset());
        }
        return log.searchForTimestamp(targetTimestamp, offsetIndex.lookup(from), startingOffset,
                Records.SOFT_MAX_ARRAY_LENGTH);
    }

    /** The largest timestamp in this segment and the offset of the first record carrying it, or null if empty. */
    FileRecords.TimestampAndOffset maxTimestampAndOffset() {
        MaxTimestamp max = this.maxTimestamp;
        if (max.timestamp() == RecordBatch.NO_TIMESTAMP) {
            return null;
        }
        FileRecords.LogOffsetPosition pos =
                log.searchForOffsetFromPosition(max.offset(), offsetIndex.lookup(max.offset()));
        if (pos == null) {
            return new FileRecords.TimestampAndOffset(max.timestamp(), max.offset(), Optional.empty());
        }
        FileChannelRecordBatch batch = log.batchesFrom(pos.position).iterator().next();
        long offset = batch.offsetOfMaxTimestamp(Records.SOFT_MAX_ARRAY_LENGTH).orElse(max.offset());
        int epoch = batch.partitionLeaderEpoch();
        return new FileRecords.TimestampAndOffset(max.timestamp(), offset,
                epoch == RecordBatch.NO_PARTITION_LEADER_EPOCH ? Optional.empty() : Optional.of(epoch));
    }

    /** Batches starting with the one containing {@code offset} (callers skip any batch before it). */
    Iterable<FileChannelRecordBatch> batchesFrom(long offset) {
        return log.batchesFrom(offsetIndex.lookup(offset));
    }

    /**
     * Re-reads every batch from position 0, validating it (length, magic v2, CRC, strictly increasing offsets
     * within the segment's range), rebuilds both indexes and truncates the log file at the first invalid byte,
     * which includes a torn last batch.
     *
     * @param maxMessageBytes a batch longer than this is treated as corrupt
     * @return the number of bytes truncated
     */
    int recover(int maxMessageBytes) throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        bytesSinceLastIndexEntry = 0;
        maxTimestamp = MaxTimestamp.NONE;
        long next = baseOffset;
        int validBytes = 0;
        long firstBatchTimestamp = RecordBatch.NO_TIMESTAMP;
        try {
            for (FileChannelRecordBatch batch : log.batches()) {
                validateForRecovery(batch, maxMessageBytes, next);
                if (validBytes == 0) {
                    firstBatchTimestamp = batch.maxTimestamp();
                }
                indexBatch(batch, validBytes);
                validBytes += batch.sizeInBytes();
                next = batch.lastOffset() + 1;
            }
        } catch (CorruptRecordException | InvalidRecordException e) {
            // The batch at validBytes is invalid: everything from there on is cut below.
        }
        int truncated = log.sizeInBytes() - validBytes;
        if (truncated > 0) {
            log.truncateTo(validBytes);
        }
        nextOffset = next;
        rollBaseMs = rollBase(firstBatchTimestamp, rollBaseMs);
        indexRebuildReason = null;
        return truncated;
    }

    /**
     * Removes every batch with an offset {@code >= offset}; a batch containing {@code offset} is removed whole.
     *
     * @return the number of bytes truncated
     */
    int truncateTo(long offset) throws IOException {
        FileRecords.LogOffsetPosition pos = log.searchForOffsetFromPosition(offset, offsetIndex.lookup(offset));
        if (pos == null) {
            return 0;
        }
        offsetIndex.truncateTo(pos.offset);
        timeIndex.truncateTo(pos.offset);
        int truncated = log.truncateTo(pos.position);
        maxTimestamp = MaxTimestamp.NONE;
        loadTailState();
        return truncated;
    }

    /** Called when a newer segment becomes active: records the final maximum timestamp in the time index. */
    void onBecomeInactive() throws IOException {
        MaxTimestamp max = maxTimestamp;
        timeIndex.maybeAppend(max.timestamp(), max.offset());
    }

    /** Fsyncs the log file and both indexes. */
    void flush() throws IOException {
        log.flush();
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Renames all three files to {@code <name>.deleted}; open channels (and in-flight reads) keep working. */
    void renameToDeleted() throws IOException {
        File logFile = log.file();
        log.renameTo(new File(logFile.getPath() + LogFileNames.DELETED_SUFFIX));
        offsetIndex.renameTo(offsetIndex.file().resolveSibling(offsetIndex.file().getFileName()
                + LogFileNames.DELETED_SUFFIX));
        timeIndex.renameTo(timeIndex.file().resolveSibling(timeIndex.file().getFileName()
                + LogFileNames.DELETED_SUFFIX));
    }

    /** Closes and deletes all three files. */
    void deleteFiles() throws IOException {
        IOException failure = null;
        try {
            log.deleteIfExists();
        } catch (IOException e) {
            failure = e;
        }
        try {
            offsetIndex.deleteIfExists();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        try {
            timeIndex.deleteIfExists();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Closeable c : new Closeable[] {log, offsetIndex, timeIndex}) {
            try {
                c.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    long baseOffset() {
        return baseOffset;
    }

    /** One past the last offset stored in this segment ({@link #baseOffset()} if empty). */
    long nextOffset() {
        return nextOffset;
    }

    int sizeInBytes() {
        return log.sizeInBytes();
    }

    boolean isEmpty() {
        return log.sizeInBytes() == 0;
    }

    Path logFile() {
        return log.file().toPath();
    }

    Path offsetIndexFile() {
        return offsetIndex.file();
    }

    Path timeIndexFile() {
        return timeIndex.file();
    }

    /**
     * Largest record timestamp in the segment; if no batch carries a timestamp, the log file's last
     * modification time (Kafka's rule).
     */
    long largestTimestamp() {
        long ts = maxTimestamp.timestamp();
        if (ts >= 0) {
            return ts;
        }
        try {
            return Files.getLastModifiedTime(log.file().toPath()).toMillis();
        } catch (IOException e) {
            return rollBaseMs;
        }
    }

    /** Largest batch max timestamp in the segment, or {@link RecordBatch#NO_TIMESTAMP} if none. */
    long maxTimestampSoFar() {
        return maxTimestamp.timestamp();
    }

    /**
     * How long this segment has existed for {@code segment.ms}: since it was created, or since the first
     * batch's timestamp for a segment that was reopened (whichever is earlier).
     */
    long ageMs(long nowMs) {
        return nowMs - rollBaseMs;
    }

    int offsetIndexEntries() {
        return offsetIndex.entries();
    }

    int timeIndexEntries() {
        return timeIndex.entries();
    }

    @Override
    public String toString() {
        return "LogSegment(" + log.file().getName() + ", size=" + log.sizeInBytes() + ", nextOffset=" + nextOffset
                + ")";
    }

    private void indexBatch(RecordBatch batch, int position) throws IOException {
        MaxTimestamp max = maxTimestamp;
        if (batch.maxTimestamp() > max.timestamp()) {
            max = new MaxTimestamp(batch.maxTimestamp(), batch.lastOffset());
            maxTimestamp = max;
        }
        if (offsetIndex.entries() == 0 || bytesSinceLastIndexEntry >= indexIntervalBytes) {
            offsetIndex.append(batch.baseOffset(), position);
            timeIndex.maybeAppend(max.timestamp(), max.offset());
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    private void validateForRecovery(FileChannelRecordBatch batch, int maxMessageBytes, long expectedMinOffset) {
        if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
            throw new CorruptRecordException("unsupported magic " + batch.magic() + " at position "
                    + batch.position());
        }
        if (batch.sizeInBytes() < DefaultRecordBatch.RECORD_BATCH_OVERHEAD || batch.sizeInBytes() > maxMessageBytes) {
            throw new CorruptRecordException("invalid batch length " + batch.sizeInBytes() + " at position "
                    + batch.position());
        }
        batch.ensureValid();
        if (batch.baseOffset() < expectedMinOffset || batch.lastOffset() < batch.baseOffset()
                || batch.lastOffset() - baseOffset > Integer.MAX_VALUE) {
            throw new CorruptRecordException("batch offsets [" + batch.baseOffset() + ", " + batch.lastOffset()
                    + "] at position " + batch.position() + " do not follow offset " + (expectedMinOffset - 1));
        }
    }

    /**
     * Derives next offset, running maximum timestamp and bytes since the last index entry from the indexes
     * plus a scan of the batches after the last offset-index entry, checking that the indexes match the log.
     */
    private void loadTailState() {
        int startPosition = offsetIndex.lastPosition();
        if (offsetIndex.entries() == 0 && log.sizeInBytes() > 0) {
            throw new CorruptIndexException("empty offset index for a non-empty segment");
        }
        TimeIndex.Entry lastTime = timeIndex.lastEntry();
        MaxTimestamp max = lastTime.timestamp() == RecordBatch.NO_TIMESTAMP
                ? MaxTimestamp.NONE : new MaxTimestamp(lastTime.timestamp(), lastTime.offset());
        long next = baseOffset;
        int bytes = 0;
        boolean first = true;
        for (FileChannelRecordBatch batch : log.batchesFrom(startPosition)) {
            if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
                throw new CorruptRecordException("unsupported magic " + batch.magic() + " at position "
                        + batch.position());
            }
            if (first && batch.baseOffset() != offsetIndex.lastOffset()) {
                throw new CorruptIndexException("last offset index entry " + offsetIndex.lastOffset()
                        + " points at a batch with base offset " + batch.baseOffset());
            }
            first = false;
            if (batch.maxTimestamp() > max.timestamp()) {
                max = new MaxTimestamp(batch.maxTimestamp(), batch.lastOffset());
            }
            next = batch.lastOffset() + 1;
            bytes += batch.sizeInBytes();
        }
        if (startPosition + bytes != log.sizeInBytes()) {
            throw new CorruptRecordException("log ends with " + (log.sizeInBytes() - startPosition - bytes)
                    + " bytes that are not a whole batch");
        }
        if (timeIndex.entries() > 0 && lastTime.offset() >= next) {
            throw new CorruptIndexException("last time index entry offset " + lastTime.offset()
                    + " is beyond the segment's last offset " + (next - 1));
        }
        nextOffset = next;
        maxTimestamp = max;
        bytesSinceLastIndexEntry = bytes;
        if (log.sizeInBytes() > 0) {
            Iterator<FileChannelRecordBatch> it = log.batches().iterator();
            rollBaseMs = rollBase(it.next().maxTimestamp(), rollBaseMs);
        }
    }

    private static long rollBase(long firstBatchTimestamp, long nowMs) {
        return firstBatchTimestamp > 0 ? Math.min(firstBatchTimestamp, nowMs) : nowMs;
    }
}
