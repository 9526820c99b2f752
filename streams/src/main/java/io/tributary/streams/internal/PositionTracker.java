package io.tributary.streams.internal;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The next offset to commit per owned partition, in two flavours: <em>returned</em> (every message
 * an iterator handed out) and <em>processed</em> (messages the iterator moved past). Positions only
 * grow, and a position reported with a stale assignment epoch is dropped.
 *
 * <p>Thread-safety: iterator threads report, the fetcher thread assigns, revokes and reads.
 */
public final class PositionTracker {
    private final Map<TopicPartition, Long> epochs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> returned = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> processed = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    void assign(TopicPartition tp, long epoch) {
        epochs.put(tp, epoch);
    }

    void revoke(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            epochs.remove(tp);
            returned.remove(tp);
            processed.remove(tp);
            committed.remove(tp);
        }
    }

    public void markReturned(Envelope e) {
        mark(returned, e);
    }

    public void markProcessed(Envelope e) {
        mark(processed, e);
    }

    private void mark(Map<TopicPartition, Long> positions, Envelope e) {
        Long epoch = epochs.get(e.partition());
        if (epoch != null && epoch == e.epoch()) {
            positions.merge(e.partition(), e.message().offset() + 1, Math::max);
        }
    }

    /** Positions not yet committed, from the returned (manual mode) or processed (auto mode) flavour. */
    Map<TopicPartition, OffsetAndMetadata> uncommitted(boolean processedOnly, Collection<TopicPartition> only) {
        Map<TopicPartition, Long> source = processedOnly ? processed : returned;
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        source.forEach((tp, offset) -> {
            if ((only == null || only.contains(tp)) && !offset.equals(committed.get(tp))) {
                result.put(tp, new OffsetAndMetadata(offset));
            }
        });
        return result;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            if (epochs.containsKey(tp)) {
                committed.merge(tp, o.offset(), Math::max);
            }
        });
    }
}
