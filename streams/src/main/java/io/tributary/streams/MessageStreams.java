package io.tributary.streams;

import io.tributary.streams.internal.Fetcher;
import io.tributary.streams.internal.PositionTracker;
import io.tributary.streams.internal.StreamQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka paper's consumer API: a member of consumer group {@code groupId} that reads
 * {@code topic} through {@code n} {@link MessageStream}s. The partitions the group gives this
 * member are spread evenly over the streams; each stream is an iterator that blocks while there is
 * nothing new and never ends until the set is closed.
 *
 * <pre>
 * try (MessageStreams streams = MessageStreams.create("logs", 4, "warehouse-loader",
 *         StreamSettings.builder("localhost:9092").build())) {
 *     for (MessageStream stream : streams.streams()) {
 *         executor.submit(() -> { for (Message m : stream) { load(m); } });
 *     }
 *     ...
 * }
 * </pre>
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>{@link #create} starts one fetcher thread with one {@link KafkaConsumer} that subscribes to
 *       the topic (the classic group protocol; works the same against broker-lite and Apache Kafka);</li>
 *   <li>the fetcher fills each stream's bounded queue and pauses partitions whose stream is full;</li>
 *   <li>offsets are committed per {@link StreamSettings#commitMode()}: automatically once an iterator
 *       moved past a message, or only on {@link #commit()};</li>
 *   <li>on a rebalance, messages buffered for revoked partitions are dropped (the new owner reads
 *       them from the committed offset); in auto mode processed positions are committed first;</li>
 *   <li>{@link #close()} commits processed positions (auto mode), leaves the group (LeaveGroup, so the
 *       partitions move at once) and ends every iterator.</li>
 * </ol>
 *
 * <p>Thread-safety: {@link #commit()} and {@link #close()} may be called from any thread; each
 * stream is read by one thread at a time.
 */
public final class MessageStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageStreams.class);

    private final String topic;
    private final String groupId;
    private final List<MessageStream> streams;
    private final Fetcher fetcher;
    private final Thread fetcherThread;
    private volatile boolean closed;

    private MessageStreams(String topic, int n, String groupId, StreamSettings settings) {
        this.topic = topic;
        this.groupId = groupId;
        Map<String, Object> props = new HashMap<>(settings.consumerProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        PositionTracker positions = new PositionTracker();
        List<StreamQueue> queues = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            queues.add(new StreamQueue(settings.queueCapacity()));
        }
        this.fetcher = new Fetcher(consumer, topic, groupId, queues, positions, settings.commitMode(),
                settings.autoCommitIntervalMs());
        List<MessageStream> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new MessageStream(i, queues.get(i), positions, () -> closed, fetcher::failure));
        }
        this.streams = List.copyOf(list);
        this.fetcherThread = new Thread(fetcher, "message-streams-" + groupId);
        fetcherThread.setDaemon(true);
        fetcherThread.start();
        log.info("Reading topic {} as group {} through {} stream(s), commit mode {}", topic, groupId, n, settings.commitMode());
    }

    /**
     * Joins group {@code groupId} and returns {@code n} streams over {@code topic}.
     *
     * @throws IllegalArgumentException if {@code n < 1} or the topic or group id is empty
     */
    public static MessageStreams create(String topic, int n, String groupId, StreamSettings settings) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (groupId == null || groupId.isEmpty()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        if (n < 1) {
            throw new IllegalArgumentException("the number of streams must be >= 1, got " + n);
        }
        return new MessageStreams(topic, n, groupId, settings);
    }

    /** The seed's name for {@link #create}. */
    public static MessageStreams createMessageStreams(String topic, int n, String groupId, StreamSettings settings) {
        return create(topic, n, groupId, settings);
    }

    public List<MessageStream> streams() {
        return streams;
    }

    public String topic() {
        return topic;
    }

    public String groupId() {
        return groupId;
    }

    /**
     * Commits, synchronously, every message the iterators have returned so far (manual mode) or
     * moved past (auto mode). Waits at most 30 s.
     *
     * @throws MessageStreamException if the group rebalanced meanwhile (those messages will be
     *                                delivered again) or the commit failed or timed out
     */
    public void commit() {
        try {
            fetcher.requestCommit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new MessageStreamException("commit of group " + groupId + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new MessageStreamException("commit of group " + groupId + " did not finish within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageStreamException("interrupted while committing", e);
        }
    }

    /** Commits (auto mode), leaves the group and ends every stream's iterator. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        fetcher.close();
        try {
            fetcherThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Closed the message streams of topic {} (group {})", topic, groupId);
    }
}
