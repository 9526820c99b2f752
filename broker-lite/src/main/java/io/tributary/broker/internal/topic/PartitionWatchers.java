package io.tributary.broker.internal.topic;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes up long-polling fetches when a partition gets new data. A waiter registers a callback on
 * every partition it reads; each append calls the callbacks of that partition once. Callbacks
 * must be cheap and thread-safe (they hop to their own event loop).
 */
public final class PartitionWatchers {
    private final ConcurrentHashMap<TopicPartition, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    public void watch(Collection<TopicPartition> partitions, Runnable callback) {
        for (TopicPartition tp : partitions) {
            watchers.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(callback);
        }
    }

    public void unwatch(Collection<TopicPartition> partitions, Runnable callback) {
        for (TopicPartition tp : partitions) {
            watchers.computeIfPresent(tp, (k, set) -> {
                set.remove(callback);
                return set.isEmpty() ? null : set;
            });
        }
    }

    public void appended(TopicPartition tp) {
        Set<Runnable> set = watchers.get(tp);
        if (set != null) {
            for (Runnable r : set) {
                r.run();
            }
        }
    }
}
