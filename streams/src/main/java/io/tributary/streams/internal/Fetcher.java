package io.tributary.streams.internal;

import io.tributary.streams.CommitMode;
import io.tributary.streams.Message;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one thread that owns the {@link KafkaConsumer} (which is not thread-safe): it polls, routes
 * each partition's records to one stream's {@link StreamQueue}, pauses partitions whose queue is
 * full and resumes them once there is room, commits positions, and follows rebalances.
 *
 * <p>Partitions are spread over the streams so that each stream gets an equal share (within one)
 * of the partitions this member owns; a partition stays on its stream until it is revoked. On
 * revocation its buffered messages are dropped (the new owner reads them from the committed offset)
 * and, in auto mode, its processed positions are committed first.
 */
public final class Fetcher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** While some partition waits for room in its stream, poll briefly so it resumes soon after room appears. */
    private static final Duration POLL_WHILE_PAUSED = Duration.ofMillis(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String groupId;
    private final List<StreamQueue> queues;
    private final PositionTracker positions;
    private final CommitMode mode;
    private final long autoCommitIntervalMs;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> commitRequests = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;
    private volatile RuntimeException failure;

    // Fetcher thread only.
    private final Map<TopicPartition, Integer> route = new HashMap<>();
    private final Map<TopicPartition, ArrayDeque<Envelope>> overflow = new HashMap<>();
    private long epoch;
    private long lastAutoCommitMs = System.currentTimeMillis();

    public Fetcher(KafkaConsumer<byte[], byte[]> consumer, String topic, String groupId, List<StreamQueue> queues,
                   PositionTracker positions, CommitMode mode, long autoCommitIntervalMs) {
        this.consumer = consumer;
        this.topic = topic;
        this.groupId = groupId;
        this.queues = queues;
        this.positions = positions;
        this.mode = mode;
        this.autoCommitIntervalMs = autoCommitIntervalMs;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Listener());
            while (!closing) {
                serveCommitRequests();
                maybeAutoCommit();
                drainOverflow();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(overflow.isEmpty() ? POLL : POLL_WHILE_PAUSED)) {
                    route(record);
                }
            }
        } catch (KafkaException | IllegalStateException e) {
            failure = e;
            log.error("Message streams of topic {} (group {}) stopped: {}", topic, groupId, e.toString());
        } finally {
            shutDown();
        }
    }

    private void shutDown() {
        if (failure == null && mode == CommitMode.AUTO_AFTER_PROCESSING) {
            commit(positions.uncommitted(true, null), "on close");
        }
        CompletableFuture<Void> request;
        while ((request = commitRequests.poll()) != null) {
            request.completeExceptionally(new IllegalStateException("the message streams are closed"));
        }
        try {
            consumer.close(Duration.ofSeconds(10));
        } catch (KafkaException e) {
            log.warn("Closing the consumer of group {} failed: {}", groupId, e.toString());
        }
    }

    /** Asks the fetcher thread to commit what the iterators returned (manual) or moved past (auto). */
    public CompletableFuture<Void> requestCommit() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        commitRequests.add(f);
        if (closing) {
            f.completeExceptionally(new IllegalStateException("the message streams are closed"));
        }
        return f;
    }

    public void close() {
        closing = true;
    }

    public RuntimeException failure() {
        return failure;
    }

    private void serveCommitRequests() {
        CompletableFuture<Void> request = commitRequests.poll();
        if (request == null) {
            return;
        }
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (; request != null; request = commitRequests.poll()) {
            batch.add(request);
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = positions.uncommitted(mode == CommitMode.AUTO_AFTER_PROCESSING, null);
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
                positions.committed(offsets);
            }
            batch.forEach(f -> f.complete(null));
        } catch (KafkaException e) {
            batch.forEach(f -> f.completeExceptionally(e));
        }
    }

    private void maybeAutoCommit() {
        long now = System.currentTimeMillis();
        if (mode == CommitMode.AUTO_AFTER_PROCESSING && now - lastAutoCommitMs >= autoCommitIntervalMs) {
            lastAutoCommitMs = now;
            Map<TopicPartition, OffsetAndMetadata> offsets = positions.uncommitted(true, null);
            if (!offsets.isEmpty()) {
                consumer.commitAsync(offsets, (done, e) -> {
                    if (e == null) {
                        positions.committed(done);
                    } else {
                        log.debug("Auto commit of group {} failed (retried at the next interval): {}", groupId, e.toString());
                    }
                });
            }
        }
    }

    /** Synchronous commit for revocation and close; a failure is logged (the messages are simply delivered again). */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets, String when) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            positions.committed(offsets);
        } catch (KafkaException e) {
            log.warn("Commit of group {} {} failed; those messages will be delivered again: {}", groupId, when, e.toString());
        }
    }

    private void route(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Integer stream = route.get(tp);
        if (stream == null) {
            return; // revoked meanwhile
        }
        List<Message.Header> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(new Message.Header(h.key(), h.value()));
        }
        Envelope envelope = new Envelope(new Message(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), List.copyOf(headers), record.timestamp()), tp, epoch);
        ArrayDeque<Envelope> waiting = overflow.get(tp);
        if (waiting != null) {
            waiting.add(envelope);
        } else if (!queues.get(stream).offer(envelope)) {
            waiting = new ArrayDeque<>();
            waiting.add(envelope);
            overflow.put(tp, waiting);
            consumer.pause(List.of(tp));
        }
    }

    private void drainOverflow() {
        for (Iterator<Map.Entry<TopicPartition, ArrayDeque<Envelope>>> it = overflow.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, ArrayDeque<Envelope>> e = it.next();
            StreamQueue queue = queues.get(route.get(e.getKey()));
            ArrayDeque<Envelope> waiting = e.getValue();
            while (!waiting.isEmpty() && queue.offer(waiting.peek())) {
                waiting.poll();
            }
            if (waiting.isEmpty()) {
                it.remove();
                consumer.resume(List.of(e.getKey()));
            }
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        positions.revoke(partitions);
        for (StreamQueue q : queues) {
            q.discard(partitions);
        }
        for (TopicPartition tp : partitions) {
            overflow.remove(tp);
            route.remove(tp);
        }
    }

    /** Runs inside {@code poll()} on the fetcher thread. */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (mode == CommitMode.AUTO_AFTER_PROCESSING) {
                commit(positions.uncommitted(true, partitions), "before a rebalance");
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            epoch++;
            int[] load = new int[queues.size()];
            route.values().forEach(s -> load[s]++);
            List<TopicPartition> added = new ArrayList<>(partitions);
            added.sort(Comparator.comparingInt(TopicPartition::partition));
            for (TopicPartition tp : added) {
                int least = 0;
                for (int s = 1; s < load.length; s++) {
                    if (load[s] < load[least]) {
                        least = s;
                    }
                }
                load[least]++;
                route.put(tp, least);
                positions.assign(tp, epoch);
            }
            if (!partitions.isEmpty()) {
                log.info("Group {} gave this member partition(s) {} of {}; streams: {}", groupId,
                        added.stream().map(TopicPartition::partition).toList(), topic, describeRoute());
            }
        }
    }

    private String describeRoute() {
        Map<Integer, Set<Integer>> byStream = new HashMap<>();
        route.forEach((tp, s) -> byStream.computeIfAbsent(s, k -> new HashSet<>()).add(tp.partition()));
        return byStream.toString();
    }
}
