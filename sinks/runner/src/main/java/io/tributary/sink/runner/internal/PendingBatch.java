package io.tributary.sink.runner.internal;

import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.runner.BatchSettings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records pulled but not yet committed by the sink, with the next offset per partition they
 * reach. Not thread-safe: owned by the sink's consumer thread.
 */
final class PendingBatch {
    private final BatchSettings limits;
    private List<SinkRecord> records = new ArrayList<>();
    private Map<SinkPartition, Long> nextOffsets = new TreeMap<>();
    private long bytes;
    private long firstAddedNanos;

    PendingBatch(BatchSettings limits) {
        this.limits = limits;
    }

    /** Adds records of one partition, in offset order. */
    void addAll(SinkPartition partition, List<SinkRecord> inOrder, long nowNanos) {
        if (inOrder.isEmpty()) {
            return;
        }
        if (records.isEmpty()) {
            firstAddedNanos = nowNanos;
        }
        records.addAll(inOrder);
        for (SinkRecord r : inOrder) {
            bytes += r.sizeBytes();
        }
        nextOffsets.put(partition, inOrder.get(inOrder.size() - 1).offset() + 1);
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    boolean isFull() {
        return records.size() >= limits.maxRecords() || bytes >= limits.maxBytes();
    }

    boolean isDue(long nowNanos) {
        return !records.isEmpty() && (isFull() || nowNanos - firstAddedNanos >= limits.maxWaitMs() * 1_000_000L);
    }

    /** Nanoseconds until the oldest record's wait is up (or the full wait when empty). */
    long nanosUntilDue(long nowNanos) {
        long wait = limits.maxWaitMs() * 1_000_000L;
        return records.isEmpty() ? wait : Math.max(0, firstAddedNanos + wait - nowNanos);
    }

    List<SinkRecord> records() {
        return records;
    }

    Map<SinkPartition, Long> nextOffsets() {
        return nextOffsets;
    }

    long bytes() {
        return bytes;
    }

    /** Drops the records of partitions this member lost without a chance to commit them. */
    void drop(Collection<SinkPartition> lost) {
        records.removeIf(r -> lost.contains(r.topicPartition()));
        lost.forEach(nextOffsets::remove);
        bytes = records.stream().mapToLong(SinkRecord::sizeBytes).sum();
    }

    /** A batch taken out for writing: the records, the next offset per partition they reach, their bytes. */
    record Taken(List<SinkRecord> records, Map<SinkPartition, Long> nextOffsets, long bytes) {
    }

    /** Hands the records over (they now belong to the writer) and starts an empty batch. */
    Taken take() {
        Taken taken = new Taken(records, nextOffsets, bytes);
        records = new ArrayList<>();
        nextOffsets = new TreeMap<>();
        bytes = 0;
        return taken;
    }

    void clear() {
        records.clear();
        nextOffsets.clear();
        bytes = 0;
    }
}
