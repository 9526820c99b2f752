package io.tributary.broker.internal.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.internal.LegacyRecord;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * Validates the record batches of a produce request before anything is written: the whole request is
 * rejected if any batch is bad.
 *
 * <p>Checks, in order: framing (every batch whole, no trailing partial bytes; {@link CorruptRecordException}),
 * magic 2 ({@link UnsupportedForMessageFormatException}), batch size {@code <= max.message.bytes}
 * ({@link RecordTooLargeException}), CRC and size via {@code ensureValid()} ({@link CorruptRecordException}),
 * no transactional or control batch, at least one record and a last offset delta matching the record count
 * ({@link InvalidRecordException}).
 *
 * <p>Stateless and thread-safe.
 */
final class AppendValidator {

    /** The batches of a valid request (views over the request buffer) and their totals. */
    record ValidatedAppend(List<MutableRecordBatch> batches, long recordCount, long maxTimestamp) {
    }

    private AppendValidator() {
    }

    static ValidatedAppend validate(TopicPartition tp, MemoryRecords records, int maxMessageBytes) {
        checkFraming(tp, records, maxMessageBytes);
        List<MutableRecordBatch> batches = new ArrayList<>();
        long recordCount = 0;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        for (MutableRecordBatch batch : records.batches()) {
            batch.ensureValid();
            if (batch.isTransactional() || batch.isControlBatch()) {
                throw new InvalidRecordException("transactions are not supported by broker-lite");
            }
            Integer count = batch.countOrNull();
            long delta = batch.lastOffset() - batch.baseOffset();
            if (count == null || count <= 0) {
                throw new InvalidRecordException("Record batch for " + tp + " contains no records");
            }
            if (delta != count - 1) {
                throw new InvalidRecordException("Record batch for " + tp + " has last offset delta " + delta
                        + " but " + count + " records");
            }
            recordCount += count;
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            batches.add(batch);
        }
        if (batches.isEmpty()) {
            throw new InvalidRecordException("Produce request for " + tp + " contains no record batch");
        }
        return new ValidatedAppend(batches, recordCount, maxTimestamp);
    }

    private static void checkFraming(TopicPartition tp, MemoryRecords records, int maxMessageBytes) {
        ByteBuffer buf = records.buffer();
        int pos = buf.position();
        int end = buf.limit();
        while (pos < end) {
            int remaining = end - pos;
            if (remaining < Records.HEADER_SIZE_UP_TO_MAGIC) {
                throw new CorruptRecordException("Produce request for " + tp + " ends with " + remaining
                        + " bytes that are not a whole batch");
            }
            int size = buf.getInt(pos + Records.SIZE_OFFSET);
            if (size < LegacyRecord.RECORD_OVERHEAD_V0 || size > remaining - Records.LOG_OVERHEAD) {
                throw new CorruptRecordException("Record batch for " + tp + " at position " + (pos - buf.position())
                        + " declares " + size + " bytes but only " + (remaining - Records.LOG_OVERHEAD) + " remain");
            }
            byte magic = buf.get(pos + Records.MAGIC_OFFSET);
            if (magic != RecordBatch.MAGIC_VALUE_V2) {
                throw new UnsupportedForMessageFormatException("Record batch for " + tp + " has magic " + magic
                        + "; broker-lite only accepts magic " + RecordBatch.MAGIC_VALUE_V2);
            }
            int batchSize = size + Records.LOG_OVERHEAD;
            if (batchSize > maxMessageBytes) {
                throw new RecordTooLargeException("Record batch for " + tp + " is " + batchSize
                        + " bytes, larger than max.message.bytes " + maxMessageBytes);
            }
            pos += batchSize;
        }
    }
}
