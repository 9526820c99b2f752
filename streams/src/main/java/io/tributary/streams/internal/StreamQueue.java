package io.tributary.streams.internal;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded buffer between the fetcher thread and one stream's iterator. When it is full, the
 * fetcher pauses the partitions that feed it (backpressure), so memory stays bounded.
 * Thread-safety: one producer (the fetcher) and one consumer (the stream's iterator).
 */
public final class StreamQueue {
    private final ArrayBlockingQueue<Envelope> queue;

    public StreamQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    boolean offer(Envelope e) {
        return queue.offer(e);
    }

    /** Waits up to {@code timeoutMs} for a message; null if none came. */
    public Envelope poll(long timeoutMs) throws InterruptedException {
        return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Drops buffered messages of partitions this member no longer owns. */
    void discard(Collection<TopicPartition> partitions) {
        queue.removeIf(e -> partitions.contains(e.partition()));
    }

    public int size() {
        return queue.size();
    }
}
