package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestUtils.batch;
import static io.tributary.broker.internal.log.LogTestUtils.batches;
import static io.tributary.broker.internal.log.LogTestUtils.concat;
import static io.tributary.broker.internal.log.LogTestUtils.idempotent;
import static io.tributary.broker.internal.log.LogTestUtils.readAll;
import static io.tributary.broker.internal.log.LogTestUtils.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {

    private static final TopicPartition TP = new TopicPartition("events", 3);
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        for (PartitionLog log : opened) {
            if (!log.isOffline()) {
                log.close();
            }
        }
    }

    private PartitionLog open(Path dir, Map<String, String> overrides) {
        PartitionLog log = PartitionLog.open(dir, TP, LogConfig.defaults().withOverrides(overrides), clock);
        opened.add(log);
        return log;
    }

    private Path dir() {
        return PartitionLog.partitionDir(root, TP);
    }

    @Test
    void appendAndReadRoundTripAcrossSegments() {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "400"));
        long expectedOffset = 0;
        for (int i = 0; i < 30; i++) {
            AppendResult r = log.append(batch(T0 + i, 3 * i, 3));
            assertThat(r).isEqualTo(new AppendResult(expectedOffset, expectedOffset + 2, 0, false));
            expectedOffset += 3;
        }
        assertThat(log.logEndOffset()).isEqualTo(90);
        assertThat(log.segmentCount()).isGreaterThan(3);
        assertThat(log.segmentBaseOffsets()).startsWith(0L).isSorted();

        List<LogTestUtils.ReadRecord> all = readAll(log, 1000);
        assertThat(all).hasSize(90);
        for (int i = 0; i < 90; i++) {
            assertThat(all.get(i)).isEqualTo(new LogTestUtils.ReadRecord(i, T0 + i / 3, "k" + i, "v" + i));
        }
        LogReadResult result = log.read(0, 1000, false);
        assertThat(result.highWatermark()).isEqualTo(90);
        assertThat(result.logStartOffset()).isZero();
        assertThat(result.records()).isInstanceOf(FileRecords.class);
        for (RecordBatch b : batches(result.records())) {
            assertThat(b.partitionLeaderEpoch()).isZero();
            b.ensureValid();
        }
    }

    @Test
    void multiBatchRequestGetsContiguousOffsets() {
        PartitionLog log = open(dir(), Map.of());
        log.append(batch(T0, 0, 2));
        AppendResult r = log.append(concat(batch(T0, 10, 3), batch(T0, 20, 4)));
        assertThat(r.firstOffset()).isEqualTo(2);
        assertThat(r.lastOffset()).isEqualTo(8);
        assertThat(records(log.read(2, 10_000, false).records()))
                .extracting(LogTestUtils.ReadRecord::offset).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void readInTheMiddleOfABatchReturnsThatWholeBatch() {
        PartitionLog log = open(dir(), Map.of());
        log.append(batch(T0, 0, 5));
        log.append(batch(T0, 5, 5));
        List<RecordBatch> got = batches(log.read(7, 100_000, false).records());
        assertThat(got).hasSize(1);
        assertThat(got.get(0).baseOffset()).isEqualTo(5);
        assertThat(got.get(0).lastOffset()).isEqualTo(9);
        assertThat(batches(log.read(2, 100_000, false).records())).hasSize(2);
    }

    @Test
    void maxBytesSmallerThanOneBatch() {
        PartitionLog log = open(dir(), Map.of());
        int size = batch(T0, 0, 5).sizeInBytes();
        log.append(batch(T0, 0, 5));
        log.append(batch(T0, 5, 5));

        LogReadResult withMin = log.read(0, 10, true);
        assertThat(withMin.records().sizeInBytes()).isEqualTo(size);
        assertThat(batches(withMin.records())).extracting(RecordBatch::baseOffset).containsExactly(0L);

        LogReadResult withoutMin = log.read(0, 10, false);
        assertThat(withoutMin.records()).isSameAs(MemoryRecords.EMPTY);
        assertThat(withoutMin.highWatermark()).isEqualTo(10);

        assertThat(log.read(0, size + size - 1, false).records().sizeInBytes()).isEqualTo(size);
        assertThat(log.read(0, 2 * size, false).records().sizeInBytes()).isEqualTo(2 * size);
    }

    @Test
    void offsetsOutOfRange() {
        PartitionLog log = open(dir(), Map.of());
        log.append(batch(T0, 0, 3));
        assertThat(log.read(3, 1000, true).records().sizeInBytes()).isZero();
        assertThatThrownBy(() -> log.read(4, 1000, true)).isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("[0, 3]");
        assertThatThrownBy(() -> log.read(-1, 1000, true)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void invalidBatchesAreRejectedAndNothingIsWritten() {
        PartitionLog log = open(dir(), Map.of("max.message.bytes", "300"));

        MemoryRecords v1 = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V1, Compression.NONE,
                new SimpleRecord(T0, "k".getBytes(), "v".getBytes()));
        assertThatThrownBy(() -> log.append(v1)).isInstanceOf(UnsupportedForMessageFormatException.class);

        MemoryRecords badCrc = batch(T0, 0, 2);
        ByteBuffer buf = badCrc.buffer();
        buf.put(buf.limit() - 2, (byte) (buf.get(buf.limit() - 2) ^ 0x5a));
        assertThatThrownBy(() -> log.append(badCrc)).isInstanceOf(CorruptRecordException.class);

        MemoryRecords big = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(T0, "k".getBytes(), new byte[400]));
        assertThatThrownBy(() -> log.append(big)).isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("max.message.bytes");

        MemoryRecords good = batch(T0, 0, 2);
        ByteBuffer partial = ByteBuffer.allocate(good.sizeInBytes() + 20);
        partial.put(good.buffer()).put(new byte[20]).flip();
        assertThatThrownBy(() -> log.append(MemoryRecords.readableRecords(partial)))
                .isInstanceOf(CorruptRecordException.class);

        MemoryRecords txn = MemoryRecords.withTransactionalRecords(Compression.NONE, 9L, (short) 0, 0,
                new SimpleRecord(T0, "k".getBytes(), "v".getBytes()));
        assertThatThrownBy(() -> log.append(txn)).isExactlyInstanceOf(InvalidRecordException.class)
                .hasMessage("transactions are not supported by broker-lite");

        // One bad batch rejects the whole request.
        MemoryRecords mixed = concat(batch(T0, 0, 2), badCrc);
        assertThatThrownBy(() -> log.append(mixed)).isInstanceOf(CorruptRecordException.class);

        assertThat(log.logEndOffset()).isZero();
        assertThat(log.sizeInBytes()).isZero();
        assertThat(log.append(batch(T0, 0, 2)).firstOffset()).isZero();
    }

    @Test
    void duplicateIdempotentBatchReturnsOriginalOffsets() {
        PartitionLog log = open(dir(), Map.of());
        log.append(batch(T0, 0, 4));
        AppendResult first = log.append(idempotent(1000L, (short) 0, 0, T0, 3));
        log.append(idempotent(1000L, (short) 0, 3, T0, 2));
        long leo = log.logEndOffset();
        long size = log.sizeInBytes();

        AppendResult retry = log.append(idempotent(1000L, (short) 0, 0, T0, 3));
        assertThat(retry).isEqualTo(new AppendResult(first.firstOffset(), first.lastOffset(), 0, true));
        assertThat(retry.firstOffset()).isEqualTo(4);
        assertThat(log.logEndOffset()).isEqualTo(leo);
        assertThat(log.sizeInBytes()).isEqualTo(size);

        assertThatThrownBy(() -> log.append(idempotent(1000L, (short) 0, 7, T0, 1)))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.append(idempotent(1000L, (short) 0, 5, T0, 1)).duplicate()).isFalse();
        assertThat(log.logEndOffset()).isEqualTo(leo + 1);
    }

    @Test
    void fencedEpochIsRejected() {
        PartitionLog log = open(dir(), Map.of());
        log.append(idempotent(5L, (short) 3, 0, T0, 1));
        assertThatThrownBy(() -> log.append(idempotent(5L, (short) 2, 1, T0, 1)))
                .isInstanceOf(InvalidProducerEpochException.class);
        assertThatThrownBy(() -> log.append(idempotent(5L, (short) 4, 1, T0, 1)))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.append(idempotent(5L, (short) 4, 0, T0, 1)).firstOffset()).isEqualTo(1);
    }

    @Test
    void offsetForTimestampFindsTheEarliestOffsetAtOrAfterTheTarget() {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "300", "index.interval.bytes", "0"));
        // Batch i holds offsets 2i, 2i+1 with timestamps T0+100i and T0+100i+1; batch 7 goes back in time.
        for (int i = 0; i < 12; i++) {
            long ts = i == 7 ? T0 - 5000 : T0 + 100L * i;
            SimpleRecord a = new SimpleRecord(ts, ("k" + 2 * i).getBytes(), "v".getBytes());
            SimpleRecord b = new SimpleRecord(ts + 1, ("k" + (2 * i + 1)).getBytes(), "v".getBytes());
            log.append(MemoryRecords.withRecords(Compression.NONE, a, b));
        }
        assertThat(log.segmentCount()).isGreaterThan(2);
        assertThat(log.offsetForTimestamp(T0 - 10_000)).map(t -> t.offset).contains(0L);
        assertThat(log.offsetForTimestamp(T0 + 1)).map(t -> t.offset).contains(1L);
        assertThat(log.offsetForTimestamp(T0 + 2)).map(t -> t.offset).contains(2L);
        assertThat(log.offsetForTimestamp(T0 + 650)).map(t -> t.offset).contains(16L);
        assertThat(log.offsetForTimestamp(T0 + 650)).map(t -> t.timestamp).contains(T0 + 800);
        assertThat(log.offsetForTimestamp(T0 + 1101)).map(t -> t.offset).contains(23L);
        assertThat(log.offsetForTimestamp(T0 + 1102)).isEmpty();

        assertThat(log.maxTimestampAndOffset()).map(t -> t.offset).contains(23L);
        assertThat(log.maxTimestampAndOffset()).map(t -> t.timestamp).contains(T0 + 1101);
    }

    @Test
    void segmentRollsByAgeAndByForce() {
        PartitionLog log = open(dir(), Map.of("segment.ms", "1000"));
        log.append(batch(T0, 0, 1));
        log.append(batch(T0, 1, 1));
        assertThat(log.segmentCount()).isEqualTo(1);
        clock.advance(1001);
        log.append(batch(T0, 2, 1));
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
        log.roll();
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L, 3L);
        log.roll();
        assertThat(log.segmentBaseOffsets()).as("an empty active segment is not rolled").containsExactly(0L, 2L, 3L);
        assertThat(readAll(log, 10_000)).hasSize(3);
    }

    @Test
    void flushPoliciesAdvanceTheRecoveryPoint() throws Exception {
        PartitionLog log = open(dir(), Map.of("flush.messages", "3", "flush.ms", "5000"));
        log.append(batch(T0, 0, 2));
        assertThat(log.recoveryPoint()).isZero();
        log.append(batch(T0, 2, 1));
        assertThat(log.recoveryPoint()).isEqualTo(3);
        assertThat(new PartitionStateFile(dir(), TP).read())
                .isEqualTo(new PartitionStateFile.State(0, 3, false));

        log.append(batch(T0, 3, 1));
        assertThat(log.flushIfDue(clock.millis() + 4999)).isFalse();
        assertThat(log.flushIfDue(clock.millis() + 5000)).isTrue();
        assertThat(log.recoveryPoint()).isEqualTo(4);
        assertThat(log.flushIfDue(clock.millis() + 20_000)).as("nothing unflushed").isFalse();
    }

    @Test
    void concurrentReadsOnlySeeWholeBatchesBelowTheHighWatermark() throws Exception {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "2000", "index.interval.bytes", "100"));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                long offset = 0;
                while (!done.get() || offset < log.logEndOffset()) {
                    LogReadResult r = log.read(offset, 700, true);
                    for (RecordBatch b : batches(r.records())) {
                        b.ensureValid();
                        if (b.lastOffset() >= r.highWatermark() || b.lastOffset() < offset) {
                            throw new AssertionError("batch " + b + " outside [" + offset + ", " + r.highWatermark() + ")");
                        }
                        for (LogTestUtils.ReadRecord rec : records(r.records())) {
                            if (!rec.key().equals("k" + rec.offset())) {
                                throw new AssertionError("record " + rec + " has the wrong key");
                            }
                        }
                        offset = b.lastOffset() + 1;
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 500; i++) {
            log.append(batch(T0, 2 * i, 2));
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(log.segmentCount()).isGreaterThan(10);
    }

    @Test
    void deleteLogRemovesTheDirectory() {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "200"));
        for (int i = 0; i < 5; i++) {
            log.append(batch(T0, 2 * i, 2));
        }
        log.deleteLog();
        assertThat(Files.exists(dir())).isFalse();
        assertThatThrownBy(() -> log.append(batch(T0, 0, 1))).isInstanceOf(
                org.apache.kafka.common.errors.KafkaStorageException.class);
        opened.remove(log);
    }
}
