package io.tributary.broker.internal.log;

/**
 * Outcome of {@link PartitionLog#append}.
 *
 * @param firstOffset    offset assigned to the first record of the request
 * @param lastOffset     offset assigned to the last record of the request
 * @param logStartOffset the partition's log start offset after the append
 * @param duplicate      true if the request was a retry of batches already in the log: nothing was written and
 *                       the offsets are those assigned to the original batches
 */
public record AppendResult(long firstOffset, long lastOffset, long logStartOffset, boolean duplicate) {
}
