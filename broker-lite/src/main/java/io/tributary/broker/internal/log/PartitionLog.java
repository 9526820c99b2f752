package io.tributary.broker.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk log of one topic-partition: an ordered list of {@link LogSegment}s in the directory
 * {@code <topic>-<partition>/}, the last of which (the active segment) takes appends.
 *
 * <p>Directory layout:
 * <ul>
 *   <li>{@code <20-digit base offset>.log / .index / .timeindex}: the segments (see {@link LogSegment});</li>
 *   <li>{@code partition.state}: log start offset, recovery point, clean-shutdown flag
 *       (see {@link PartitionStateFile});</li>
 *   <li>{@code producer.snapshot}: idempotent-producer state (see {@link ProducerStateManager});</li>
 *   <li>{@code *.deleted}: segments removed by retention, deleted after {@code file.delete.delay.ms};
 *       {@code *.tmp}: files being replaced atomically. Both are removed by {@link #open}.</li>
 * </ul>
 *
 * <p>Invariants: offsets are dense and strictly increasing across segments; segment base offsets are the
 * log end offset at the time of the roll; {@code logStartOffset <= logEndOffset}; the first segment contains
 * {@code logStartOffset}; every offset below {@code recoveryPoint} has been fsynced. While the log is open,
 * {@code partition.state} says {@code cleanShutdown=false}, so a crash makes the next {@link #open} re-validate
 * every segment from the one containing the recovery point, truncating at the first invalid byte.
 *
 * <p>Thread-safety: {@link #append}, {@link #roll}, {@link #flush}, {@link #flushIfDue},
 * {@link #enforceRetention}, {@link #deleteExpiredFiles}, {@link #close} and {@link #deleteLog} are
 * synchronized on this object. {@link #read}, {@link #offsetForTimestamp}, {@link #maxTimestampAndOffset} and the
 * offset/size accessors are lock-free and may run concurrently with them: segments live in a
 * {@link ConcurrentSkipListMap}, the log end offset is published (volatile) only after the data is in the file,
 * and a read never returns a batch at or beyond the log end offset it observed. Segments deleted by retention
 * stay open for {@code file.delete.delay.ms} so that in-flight fetch responses can finish sending from them.
 */
public final class PartitionLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private record PendingDeletion(LogSegment segment, long deleteAtMs) {
    }

    private final Path dir;
    private final TopicPartition tp;
    private final Clock clock;
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final PartitionStateFile stateFile;
    private final ProducerStateManager producerState;
    private final List<PendingDeletion> pendingDeletions = new ArrayList<>();

    private volatile LogConfig config;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile boolean closed;
    private volatile boolean offline;
    private long recoveryPoint;
    private long unflushedMessages;
    private long lastFlushMs;
    private boolean dirDirty;

    private PartitionLog(Path dir, TopicPartition tp, LogConfig config, Clock clock,
                         ConcurrentSkipListMap<Long, LogSegment> segments, PartitionStateFile stateFile,
                         ProducerStateManager producerState, long logStartOffset, long recoveryPoint) {
        this.dir = dir;
        this.tp = tp;
        this.config = config;
        this.clock = clock;
        this.segments = segments;
        this.stateFile = stateFile;
        this.producerState = producerState;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = segments.lastEntry().getValue().nextOffset();
        this.recoveryPoint = recoveryPoint;
        this.lastFlushMs = clock.millis();
    }

    /** The directory of {@code tp} under a log directory: {@code <logDir>/<topic>-<partition>}. */
    public static Path partitionDir(Path logDir, TopicPartition tp) {
        return logDir.resolve(tp.topic() + "-" + tp.partition());
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering it if it was not closed cleanly.
     *
     * @throws KafkaStorageException if the directory cannot be read or written
     */
    public static PartitionLog open(Path dir, TopicPartition tp, LogConfig config, Clock clock) {
        try {
            return load(dir, tp, config, clock);
        } catch (IOException e) {
            LOG.error("Failed to open log of {} in {}: {}", tp, dir, e.toString());
            throw new KafkaStorageException("Failed to open log of " + tp + " in " + dir + ": " + e, e);
        }
    }

    private static PartitionLog load(Path dir, TopicPartition tp, LogConfig config, Clock clock) throws IOException {
        Files.createDirectories(dir);
        List<Long> baseOffsets = scanDirectory(dir, tp);
        PartitionStateFile stateFile = new PartitionStateFile(dir, tp);
        PartitionStateFile.State state = stateFile.read();
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        long nowMs = clock.millis();
        try {
            for (long base : baseOffsets) {
                segments.put(base, LogSegment.open(dir, base, config.indexIntervalBytes(), nowMs));
            }
            recoverSegments(tp, segments, state);
            long logStartOffset = state.logStartOffset();
            if (segments.isEmpty()) {
                segments.put(logStartOffset, LogSegment.create(dir, logStartOffset, config.indexIntervalBytes(), nowMs));
            } else {
                logStartOffset = applyLogStartOffset(dir, tp, segments, logStartOffset, config, nowMs);
            }
            long logEndOffset = segments.lastEntry().getValue().nextOffset();
            long recoveryPoint = state.cleanShutdown()
                    ? logEndOffset
                    : Math.min(Math.max(state.recoveryPoint(), logStartOffset), logEndOffset);

            ProducerStateManager producerState = new ProducerStateManager(tp, dir, clock,
                    ProducerStateManager.DEFAULT_PRODUCER_ID_EXPIRATION_MS);
            rebuildProducerState(producerState, segments, logStartOffset, logEndOffset);

            PartitionLog log = new PartitionLog(dir, tp, config, clock, segments, stateFile, producerState,
                    logStartOffset, recoveryPoint);
            stateFile.write(new PartitionStateFile.State(logStartOffset, recoveryPoint, false));
            if (baseOffsets.isEmpty()) {
                LOG.debug("Created empty log of {} in {}", tp, dir);
            } else {
                LOG.info("Loaded log of {}: {} segments, log start offset {}, log end offset {}, recovery point {}, "
                                + "{} shutdown, {} producers", tp, segments.size(), logStartOffset, logEndOffset,
                        recoveryPoint, state.cleanShutdown() ? "clean" : "unclean", producerState.producerCount());
            }
            return log;
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : segments.values()) {
                closeQuietly(segment);
            }
            throw e;
        }
    }

    /** Removes stray files and returns the base offsets of the segments found, sorted. */
    private static List<Long> scanDirectory(Path dir, TopicPartition tp) throws IOException {
        List<Long> bases = new ArrayList<>();
        List<Path> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogFileNames.DELETED_SUFFIX) || name.endsWith(LogFileNames.TMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                    LOG.info("Removed stray file {} of {}", name, tp);
                } else if (name.endsWith(LogFileNames.INDEX_SUFFIX) || name.endsWith(LogFileNames.TIME_INDEX_SUFFIX)) {
                    indexes.add(file);
                } else {
                    LogFileNames.baseOffset(name, LogFileNames.LOG_SUFFIX).ifPresent(bases::add);
                }
            }
        }
        for (Path index : indexes) {
            String name = index.getFileName().toString();
            String prefix = name.substring(0, name.lastIndexOf('.'));
            if (!Files.exists(index.resolveSibling(prefix + LogFileNames.LOG_SUFFIX))) {
                Files.deleteIfExists(index);
                LOG.info("Removed orphan index {} of {}", name, tp);
            }
        }
        bases.sort(Comparator.naturalOrder());
        return bases;
    }

    /**
     * After an unclean shutdown, recovers every segment from the one containing the recovery point; in any case
     * rebuilds indexes that could not be trusted. Segments after a truncation point are deleted.
     */
    private static void recoverSegments(TopicPartition tp, ConcurrentSkipListMap<Long, LogSegment> segments,
                                        PartitionStateFile.State state) throws IOException {
        if (segments.isEmpty()) {
            return;
        }
        long recoverFrom = Long.MAX_VALUE;
        if (!state.cleanShutdown()) {
            Long floor = segments.floorKey(state.recoveryPoint());
            recoverFrom = floor != null ? floor : segments.firstKey();
        }
        Iterator<LogSegment> it = segments.values().iterator();
        while (it.hasNext()) {
            LogSegment segment = it.next();
            String rebuildReason = segment.indexRebuildReason();
            if (segment.baseOffset() < recoverFrom && rebuildReason == null) {
                continue;
            }
            if (segment.baseOffset() < recoverFrom) {
                LOG.warn("Rebuilding indexes of {} segment {}: {}", tp, segment.logFile().getFileName(), rebuildReason);
            }
            // No length cap beyond the CRC and the file size: a CRC-valid batch bigger than the current
            // max.message.bytes was accepted under an earlier setting, and cutting it would lose it and
            // everything after it.
            int truncated = segment.recover(Integer.MAX_VALUE);
            if (truncated > 0) {
                LOG.warn("Recovered {}: truncated {} bytes at offset {} in segment {}", tp, truncated,
                        segment.nextOffset(), segment.logFile().getFileName());
                while (it.hasNext()) {
                    LogSegment after = it.next();
                    it.remove();
                    after.deleteFiles();
                    LOG.warn("Recovered {}: deleted segment {} ({} bytes) after the truncation point", tp,
                            after.logFile().getFileName(), after.sizeInBytes());
                }
            }
        }
    }

    /**
     * Deletes segments wholly below the persisted log start offset (a crash during retention) and returns the
     * effective log start offset. If the log ends below it (unflushed data lost), the log restarts empty there.
     */
    private static long applyLogStartOffset(Path dir, TopicPartition tp, ConcurrentSkipListMap<Long, LogSegment> segments,
                                            long logStartOffset, LogConfig config, long nowMs) throws IOException {
        while (segments.size() > 1 && segments.higherKey(segments.firstKey()) <= logStartOffset) {
            LogSegment first = segments.pollFirstEntry().getValue();
            first.deleteFiles();
            LOG.info("Deleted segment {} of {} below log start offset {}", first.logFile().getFileName(), tp,
                    logStartOffset);
        }
        if (segments.lastEntry().getValue().nextOffset() < logStartOffset) {
            LOG.warn("Log of {} ends at offset {} below its log start offset {}: restarting it empty at {}", tp,
                    segments.lastEntry().getValue().nextOffset(), logStartOffset, logStartOffset);
            for (LogSegment segment : segments.values()) {
                segment.deleteFiles();
            }
            segments.clear();
            segments.put(logStartOffset, LogSegment.create(dir, logStartOffset, config.indexIntervalBytes(), nowMs));
        }
        return Math.max(logStartOffset, segments.firstKey());
    }

    /** Loads the producer snapshot (if it is usable) and replays the batch headers written after it. */
    private static void rebuildProducerState(ProducerStateManager producerState,
                                             ConcurrentSkipListMap<Long, LogSegment> segments,
                                             long logStartOffset, long logEndOffset) throws IOException {
        OptionalLong snapshotOffset = producerState.loadSnapshot();
        long replayFrom;
        if (snapshotOffset.isPresent() && snapshotOffset.getAsLong() >= logStartOffset
                && snapshotOffset.getAsLong() <= logEndOffset) {
            replayFrom = snapshotOffset.getAsLong();
        } else {
            producerState.clear();
            replayFrom = logStartOffset;
        }
        if (replayFrom >= logEndOffset) {
            return;
        }
        Long from = segments.floorKey(replayFrom);
        for (LogSegment segment : segments.tailMap(from != null ? from : segments.firstKey()).values()) {
            for (FileChannelRecordBatch batch : segment.batchesFrom(replayFrom)) {
                if (batch.baseOffset() >= replayFrom && batch.hasProducerId()) {
                    producerState.update(batch);
                }
            }
        }
    }

    /**
     * Validates and appends a produce request's record batches, assigning their offsets.
     *
     * @return the assigned offsets, or the original offsets of a retried (duplicate) idempotent request
     * @throws org.apache.kafka.common.errors.UnsupportedForMessageFormatException for a batch whose magic is not 2
     * @throws org.apache.kafka.common.errors.CorruptRecordException               for a bad CRC, size or framing
     * @throws org.apache.kafka.common.errors.RecordTooLargeException              for a batch above max.message.bytes
     * @throws org.apache.kafka.common.InvalidRecordException                      for transactional, control or empty batches
     * @throws org.apache.kafka.common.errors.InvalidProducerEpochException        for a fenced producer epoch
     * @throws OutOfOrderSequenceException                                        for a sequence gap
     * @throws KafkaStorageException                                              on an I/O error (the log goes offline)
     */
    public synchronized AppendResult append(MemoryRecords records) {
        ensureWritable();
        LogConfig cfg = config;
        AppendValidator.ValidatedAppend validated = AppendValidator.validate(tp, records, cfg.maxMessageBytes());
        List<MutableRecordBatch> batches = validated.batches();

        ProducerStateManager.AppendCheck check = producerState.newAppendCheck();
        ProducerStateManager.CheckResult firstDuplicate = null;
        ProducerStateManager.CheckResult lastDuplicate = null;
        int duplicates = 0;
        for (MutableRecordBatch batch : batches) {
            ProducerStateManager.CheckResult result = check.check(batch);
            if (result.duplicate()) {
                duplicates++;
                firstDuplicate = firstDuplicate == null ? result : firstDuplicate;
                lastDuplicate = result;
            }
        }
        if (duplicates == batches.size()) {
            LOG.debug("Duplicate produce request for {} answered with offsets [{}, {}]", tp,
                    firstDuplicate.firstOffset(), lastDuplicate.lastOffset());
            return new AppendResult(firstDuplicate.firstOffset(), lastDuplicate.lastOffset(), logStartOffset, true);
        }
        if (duplicates > 0) {
            throw new OutOfOrderSequenceException("Produce request for " + tp
                    + " mixes retried and new batches of idempotent producers");
        }

        long firstOffset = logEndOffset;
        long next = firstOffset;
        for (MutableRecordBatch batch : batches) {
            long delta = batch.lastOffset() - batch.baseOffset();
            batch.setLastOffset(next + delta);
            batch.setPartitionLeaderEpoch(0);
            next += delta + 1;
        }
        long lastOffset = next - 1;
        try {
            maybeRoll(records.sizeInBytes(), lastOffset);
            segments.lastEntry().getValue().append(lastOffset, validated.maxTimestamp(), records);
        } catch (IOException e) {
            throw storageFailure("append to", e);
        }
        logEndOffset = next;
        for (MutableRecordBatch batch : batches) {
            producerState.update(batch);
        }
        unflushedMessages += next - firstOffset;
        if (unflushedMessages >= cfg.flushMessages()) {
            try {
                flushLocked(true);
            } catch (IOException e) {
                throw storageFailure("flush", e);
            }
        }
        return new AppendResult(firstOffset, lastOffset, logStartOffset, false);
    }

    /**
     * Reads whole record batches starting with the batch that contains {@code fetchOffset}.
     *
     * @param maxBytes    upper bound of the returned size, unless {@code minOneBatch} and the first batch is
     *                    bigger (then exactly that batch is returned)
     * @param minOneBatch return the first batch even if it is bigger than {@code maxBytes}
     * @throws OffsetOutOfRangeException if {@code fetchOffset} is below the log start offset or above the log
     *                                   end offset
     */
    public LogReadResult read(long fetchOffset, int maxBytes, boolean minOneBatch) {
        ensureOpen();
        long endOffset = logEndOffset;
        long startOffset = logStartOffset;
        if (fetchOffset < startOffset || fetchOffset > endOffset) {
            throw outOfRange(fetchOffset, startOffset, endOffset);
        }
        if (fetchOffset == endOffset) {
            return new LogReadResult(MemoryRecords.EMPTY, endOffset, startOffset);
        }
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(fetchOffset);
        if (entry == null) {
            throw outOfRange(fetchOffset, logStartOffset, logEndOffset);
        }
        while (entry != null) {
            FileRecords slice = entry.getValue().read(fetchOffset, maxBytes, minOneBatch, endOffset);
            if (slice != null) {
                return new LogReadResult(slice.sizeInBytes() == 0 ? MemoryRecords.EMPTY : slice, endOffset, startOffset);
            }
            entry = segments.higherEntry(entry.getKey());
        }
        return new LogReadResult(MemoryRecords.EMPTY, endOffset, startOffset);
    }

    /**
     * The earliest record whose timestamp is {@code >= targetTimestamp} (ListOffsets semantics), or empty if
     * there is none.
     */
    public Optional<FileRecords.TimestampAndOffset> offsetForTimestamp(long targetTimestamp) {
        ensureOpen();
        long startOffset = logStartOffset;
        for (LogSegment segment : segments.values()) {
            if (segment.nextOffset() <= startOffset || segment.maxTimestampSoFar() < targetTimestamp) {
                continue;
            }
            FileRecords.TimestampAndOffset found =
                    segment.findOffsetByTimestamp(targetTimestamp, Math.max(startOffset, segment.baseOffset()));
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /**
     * The largest record timestamp in the log and the offset of the first record carrying it (ListOffsets
     * {@code MAX_TIMESTAMP}), or empty if the log is empty.
     */
    public Optional<FileRecords.TimestampAndOffset> maxTimestampAndOffset() {
        ensureOpen();
        LogSegment best = null;
        for (LogSegment segment : segments.values()) {
            if (segment.maxTimestampSoFar() != RecordBatch.NO_TIMESTAMP
                    && (best == null || segment.maxTimestampSoFar() > best.maxTimestampSoFar())) {
                best = segment;
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(best.maxTimestampAndOffset());
    }

    /** Fsyncs every segment with unflushed data, advances the recovery point to the log end offset and persists it. */
    public synchronized void flush() {
        ensureWritable();
        try {
            flushLocked(true);
        } catch (IOException e) {
            throw storageFailure("flush", e);
        }
    }

    /**
     * Flushes if {@code flush.ms} is set, there are unflushed messages and the last flush is at least
     * {@code flush.ms} old. Meant to be called periodically by a scheduler.
     *
     * @return true if a flush happened
     */
    public synchronized boolean flushIfDue(long nowMs) {
        if (closed || offline) {
            return false;
        }
        LogConfig cfg = config;
        if (cfg.flushMs() == Long.MAX_VALUE || unflushedMessages == 0 || nowMs - lastFlushMs < cfg.flushMs()) {
            return false;
        }
        flush();
        return true;
    }

    /**
     * Deletes whole oldest segments (never the active one) while the oldest one's newest record is older than
     * {@code retention.ms}, or the log without it would still be at least {@code retention.bytes}. The log
     * start offset advances to the next segment's base offset and is persisted before the files are renamed to
     * {@code .deleted}; they are really deleted by {@link #deleteExpiredFiles} after {@code file.delete.delay.ms}.
     *
     * @return the number of segments deleted
     */
    public synchronized int enforceRetention() {
        ensureWritable();
        LogConfig cfg = config;
        long nowMs = clock.millis();
        long totalBytes = sizeInBytes();
        int deleted = 0;
        try {
            while (segments.size() > 1) {
                LogSegment oldest = segments.firstEntry().getValue();
                boolean byTime = cfg.retentionMs() >= 0 && nowMs - oldest.largestTimestamp() > cfg.retentionMs();
                boolean bySize = cfg.retentionBytes() >= 0 && totalBytes - oldest.sizeInBytes() >= cfg.retentionBytes();
                if (!byTime && !bySize) {
                    break;
                }
                long newStart = segments.higherKey(oldest.baseOffset());
                logStartOffset = Math.max(logStartOffset, newStart);
                recoveryPoint = Math.max(recoveryPoint, logStartOffset);
                stateFile.write(new PartitionStateFile.State(logStartOffset, recoveryPoint, false));
                segments.remove(oldest.baseOffset());
                oldest.renameToDeleted();
                pendingDeletions.add(new PendingDeletion(oldest, nowMs + cfg.fileDeleteDelayMs()));
                totalBytes -= oldest.sizeInBytes();
                deleted++;
                LOG.info("Deleted segment with base offset {} ({} bytes) of {} by {}; log start offset is now {}",
                        oldest.baseOffset(), oldest.sizeInBytes(), tp, byTime ? "retention.ms" : "retention.bytes",
                        logStartOffset);
            }
            deleteExpiredFilesLocked(nowMs);
        } catch (IOException e) {
            throw storageFailure("delete segments of", e);
        }
        return deleted;
    }

    /**
     * Closes and deletes the files of segments removed by retention whose {@code file.delete.delay.ms} has
     * passed. Meant to be called periodically by a scheduler.
     *
     * @return the number of segments whose files were deleted
     */
    public synchronized int deleteExpiredFiles() {
        try {
            return deleteExpiredFilesLocked(clock.millis());
        } catch (IOException e) {
            throw storageFailure("delete files of", e);
        }
    }

    /** Starts a new active segment at the log end offset, unless the active segment is empty. */
    public synchronized void roll() {
        ensureWritable();
        try {
            rollLocked("forced");
        } catch (IOException e) {
            throw storageFailure("roll", e);
        }
    }

    /** Replaces the configuration; it applies from the next operation on. */
    public synchronized void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    /**
     * Flushes, writes the producer snapshot and a {@code partition.state} with {@code cleanShutdown=true}, and
     * closes every file (including segments awaiting deletion, whose files are deleted). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!offline) {
                flushLocked(false);
                producerState.writeSnapshot(logEndOffset);
                stateFile.write(new PartitionStateFile.State(logStartOffset, logEndOffset, true));
            }
        } catch (IOException e) {
            offline = true;
            throw storageFailure("close", e);
        } finally {
            closeFiles();
        }
        LOG.info("Closed log of {} at log end offset {}", tp, logEndOffset);
    }

    /** Closes the log without flushing and deletes its directory (DeleteTopics). */
    public synchronized void deleteLog() {
        closed = true;
        closeFiles();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            offline = true;
            throw storageFailure("delete", e);
        }
        LOG.info("Deleted log of {} in {}", tp, dir);
    }

    public TopicPartition topicPartition() {
        return tp;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    /** Offset below which every record is known to be fsynced. */
    public synchronized long recoveryPoint() {
        return recoveryPoint;
    }

    /** Total size of the live segments' log files. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.sizeInBytes();
        }
        return total;
    }

    public int segmentCount() {
        return segments.size();
    }

    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    /** Whether an I/O error has taken this log offline; every later write fails. */
    public boolean isOffline() {
        return offline;
    }

    @Override
    public String toString() {
        return "PartitionLog(" + tp + ", [" + logStartOffset + ", " + logEndOffset + "), " + segments.size()
                + " segments)";
    }

    private void maybeRoll(int incomingBytes, long lastOffset) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (active.isEmpty()) {
            return;
        }
        LogConfig cfg = config;
        if ((long) active.sizeInBytes() + incomingBytes > cfg.segmentBytes()) {
            rollLocked("segment.bytes");
        } else if (active.ageMs(clock.millis()) > cfg.segmentMs()) {
            rollLocked("segment.ms");
        } else if (lastOffset - active.baseOffset() > Integer.MAX_VALUE) {
            rollLocked("relative offset overflow");
        }
    }

    private void rollLocked(String reason) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (active.isEmpty()) {
            return;
        }
        long base = logEndOffset;
        active.onBecomeInactive();
        LogSegment segment = LogSegment.create(dir, base, config.indexIntervalBytes(), clock.millis());
        segments.put(base, segment);
        dirDirty = true;
        producerState.writeSnapshot(base);
        LOG.info("Rolled {} to new segment {} ({}; previous segment {} bytes)", tp, segment.logFile().getFileName(),
                reason, active.sizeInBytes());
    }

    private void flushLocked(boolean persistState) throws IOException {
        Long from = segments.floorKey(recoveryPoint);
        for (LogSegment segment : segments.tailMap(from != null ? from : segments.firstKey()).values()) {
            segment.flush();
        }
        if (dirDirty) {
            AtomicFileWriter.fsyncDirectory(dir);
            dirDirty = false;
        }
        recoveryPoint = logEndOffset;
        unflushedMessages = 0;
        lastFlushMs = clock.millis();
        if (persistState) {
            stateFile.write(new PartitionStateFile.State(logStartOffset, recoveryPoint, false));
        }
    }

    private int deleteExpiredFilesLocked(long nowMs) throws IOException {
        int deleted = 0;
        for (Iterator<PendingDeletion> it = pendingDeletions.iterator(); it.hasNext(); ) {
            PendingDeletion pending = it.next();
            if (pending.deleteAtMs() <= nowMs) {
                it.remove();
                pending.segment().deleteFiles();
                deleted++;
                LOG.info("Deleted files of segment with base offset {} of {}", pending.segment().baseOffset(), tp);
            }
        }
        return deleted;
    }

    private void closeFiles() {
        for (LogSegment segment : segments.values()) {
            closeQuietly(segment);
        }
        for (PendingDeletion pending : pendingDeletions) {
            try {
                pending.segment().deleteFiles();
            } catch (IOException e) {
                LOG.warn("Failed to delete files of segment with base offset {} of {}: {}",
                        pending.segment().baseOffset(), tp, e.toString());
            }
        }
        pendingDeletions.clear();
    }

    private static void closeQuietly(LogSegment segment) {
        try {
            segment.close();
        } catch (IOException e) {
            LOG.warn("Failed to close {}: {}", segment, e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new KafkaStorageException("Log of " + tp + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (offline) {
            throw new KafkaStorageException("Log of " + tp + " is offline after an I/O error");
        }
    }

    private OffsetOutOfRangeException outOfRange(long fetchOffset, long startOffset, long endOffset) {
        return new OffsetOutOfRangeException("Offset " + fetchOffset + " is out of range for " + tp
                + ": valid offsets are [" + startOffset + ", " + endOffset + "]");
    }

    private KafkaStorageException storageFailure(String action, IOException e) {
        offline = true;
        LOG.error("Failed to {} log of {}; the log is now offline: {}", action, tp, e.toString());
        return new KafkaStorageException("Failed to " + action + " log of " + tp + ": " + e, e);
    }
}
