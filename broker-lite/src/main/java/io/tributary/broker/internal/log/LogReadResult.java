package io.tributary.broker.internal.log;

import org.apache.kafka.common.record.internal.Records;

/**
 * Outcome of {@link PartitionLog#read}.
 *
 * @param records        whole record batches: a {@code FileRecords} slice of a segment file, or
 *                       {@code MemoryRecords.EMPTY} when there is nothing to return
 * @param highWatermark  the log end offset observed by the read (broker-lite has no replication); every
 *                       returned batch lies below it
 * @param logStartOffset the log start offset observed by the read
 */
public record LogReadResult(Records records, long highWatermark, long logStartOffset) {
}
