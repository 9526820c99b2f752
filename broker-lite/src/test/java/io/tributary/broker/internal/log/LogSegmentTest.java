package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestUtils.batches;
import static io.tributary.broker.internal.log.LogTestUtils.rec;
import static io.tributary.broker.internal.log.LogTestUtils.records;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSegmentTest {

    private static final long BASE = 100;

    @TempDir
    Path dir;

    /** Appends a batch of {@code count} records at {@code baseOffset}, timestamps ts, ts+1, ... */
    private static int append(LogSegment segment, long baseOffset, int count, long ts) throws Exception {
        SimpleRecord[] recs = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            recs[i] = rec(ts + i, "k" + (baseOffset + i), "v" + (baseOffset + i));
        }
        MemoryRecords records = MemoryRecords.withRecords(RecordBatch.CURRENT_MAGIC_VALUE, baseOffset,
                Compression.NONE, recs);
        segment.append(baseOffset + count - 1, ts + count - 1, records);
        return records.sizeInBytes();
    }

    @Test
    void readReturnsWholeBatchesFromTheBatchContainingTheOffset() throws Exception {
        try (LogSegment segment = LogSegment.create(dir, BASE, 0, 0)) {
            int batchSize = 0;
            for (int i = 0; i < 10; i++) {
                batchSize = append(segment, BASE + 2L * i, 2, 1000 + i);
            }
            assertThat(segment.nextOffset()).isEqualTo(BASE + 20);
            assertThat(segment.offsetIndexEntries()).isEqualTo(10);

            FileRecords all = segment.read(105, Integer.MAX_VALUE, false);
            assertThat(batches(all)).hasSize(8);
            assertThat(batches(all).get(0).baseOffset()).isEqualTo(104);

            FileRecords one = segment.read(105, batchSize + batchSize / 2, false);
            assertThat(one.sizeInBytes()).isEqualTo(batchSize);
            assertThat(records(one)).extracting(LogTestUtils.ReadRecord::offset).containsExactly(104L, 105L);

            assertThat(segment.read(105, 5, true).sizeInBytes()).isEqualTo(batchSize);
            assertThat(segment.read(105, 5, false).sizeInBytes()).isZero();
            assertThat(segment.read(105, 0, false).sizeInBytes()).isZero();

            FileRecords bounded = segment.read(105, Integer.MAX_VALUE, false, 108);
            assertThat(batches(bounded)).extracting(RecordBatch::baseOffset).containsExactly(104L, 106L);

            assertThat(segment.read(120, Integer.MAX_VALUE, true)).isNull();
            assertThat(segment.read(50, Integer.MAX_VALUE, false).sizeInBytes()).isEqualTo(segment.sizeInBytes());
        }
    }

    @Test
    void indexEntriesAreSparseAccordingToTheInterval() throws Exception {
        try (LogSegment segment = LogSegment.create(dir, BASE, 4096, 0)) {
            for (int i = 0; i < 20; i++) {
                append(segment, BASE + i, 1, 1000 + i);
            }
            assertThat(segment.offsetIndexEntries()).isEqualTo(1);
            assertThat(segment.timeIndexEntries()).isEqualTo(1);
            FileRecords r = segment.read(110, Integer.MAX_VALUE, false);
            assertThat(batches(r).get(0).baseOffset()).isEqualTo(110);
        }
    }

    @Test
    void recoverRebuildsIndexesAndTruncatesATornBatch() throws Exception {
        int size;
        try (LogSegment segment = LogSegment.create(dir, BASE, 0, 0)) {
            for (int i = 0; i < 5; i++) {
                append(segment, BASE + 3L * i, 3, 1000 + i);
            }
            size = segment.sizeInBytes();
            segment.flush();
        }
        Path logFile = LogFileNames.logFile(dir, BASE);
        int lastBatchSize = LogTestUtils.batchPositions(logFile).get(4)[1];
        LogTestUtils.truncateFile(logFile, size - lastBatchSize / 2);
        Files.delete(LogFileNames.indexFile(dir, BASE));

        try (LogSegment segment = LogSegment.open(dir, BASE, 0, 0)) {
            assertThat(segment.indexRebuildReason()).contains("missing");
            int truncated = segment.recover(1_000_000);
            assertThat(truncated).isEqualTo(lastBatchSize - lastBatchSize / 2);
            assertThat(segment.sizeInBytes()).isEqualTo(size - lastBatchSize);
            assertThat(segment.nextOffset()).isEqualTo(BASE + 12);
            assertThat(segment.offsetIndexEntries()).isEqualTo(4);
            assertThat(segment.maxTimestampSoFar()).isEqualTo(1003 + 2);
            assertThat(segment.indexRebuildReason()).isNull();
        }
    }

    @Test
    void reopenTrustsValidIndexesAndRestoresTailState() throws Exception {
        try (LogSegment segment = LogSegment.create(dir, BASE, 100, 0)) {
            for (int i = 0; i < 10; i++) {
                append(segment, BASE + i, 1, 5000 - i);
            }
        }
        try (LogSegment segment = LogSegment.open(dir, BASE, 100, 0)) {
            assertThat(segment.indexRebuildReason()).isNull();
            assertThat(segment.nextOffset()).isEqualTo(BASE + 10);
            assertThat(segment.maxTimestampSoFar()).isEqualTo(5000);
            assertThat(segment.maxTimestampAndOffset().offset).isEqualTo(BASE);
            append(segment, BASE + 10, 1, 6000);
            assertThat(segment.read(BASE + 10, 1000, false).sizeInBytes()).isPositive();
        }
    }

    @Test
    void truncateToRemovesTheWholeBatchContainingTheOffset() throws Exception {
        try (LogSegment segment = LogSegment.create(dir, BASE, 0, 0)) {
            for (int i = 0; i < 5; i++) {
                append(segment, BASE + 4L * i, 4, 1000 + 10L * i);
            }
            int truncated = segment.truncateTo(BASE + 9);
            assertThat(truncated).isPositive();
            assertThat(segment.nextOffset()).isEqualTo(BASE + 8);
            assertThat(segment.offsetIndexEntries()).isEqualTo(2);
            assertThat(segment.maxTimestampSoFar()).isEqualTo(1013);
            append(segment, BASE + 8, 1, 2000);
            assertThat(segment.nextOffset()).isEqualTo(BASE + 9);
        }
    }

    @Test
    void findOffsetByTimestampReturnsTheFirstRecordAtOrAfterTheTarget() throws Exception {
        try (LogSegment segment = LogSegment.create(dir, BASE, 0, 0)) {
            for (int i = 0; i < 10; i++) {
                append(segment, BASE + 3L * i, 3, 1000 + 100L * i);
            }
            FileRecords.TimestampAndOffset found = segment.findOffsetByTimestamp(1501, BASE);
            assertThat(found.offset).isEqualTo(BASE + 16);
            assertThat(found.timestamp).isEqualTo(1501);
            assertThat(segment.findOffsetByTimestamp(1500, BASE).offset).isEqualTo(BASE + 15);
            assertThat(segment.findOffsetByTimestamp(0, BASE).offset).isEqualTo(BASE);
            assertThat(segment.findOffsetByTimestamp(0, BASE + 7).offset).isEqualTo(BASE + 7);
            assertThat(segment.findOffsetByTimestamp(5000, BASE)).isNull();
        }
    }
}
