package io.tributary.broker;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real KafkaConsumer in a consumer group, polling on its own thread (KafkaConsumer is
 * single-threaded) and committing synchronously after each poll. Tests read what it received
 * and what it owns.
 */
final class GroupMemberThread implements AutoCloseable {
    /** Consumer settings that make rebalances quick enough for tests (the broker allows 500 ms sessions). */
    static Map<String, Object> fastGroupSettings(String groupId) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 2_000);
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 20_000);
        return settings;
    }

    final String name;
    final ConcurrentLinkedQueue<ConsumerRecord<String, String>> received = new ConcurrentLinkedQueue<>();
    /** How many rebalances this member took part in (onPartitionsAssigned calls). */
    final AtomicInteger rebalances = new AtomicInteger();
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;

    GroupMemberThread(String name, String bootstrap, String topic, Map<String, Object> settings) {
        this.name = name;
        Map<String, Object> all = new HashMap<>(settings);
        all.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.consumer = BrokerTestSupport.consumer(bootstrap, all);
        this.thread = new Thread(() -> run(topic), "member-" + name);
        thread.start();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    rebalances.incrementAndGet();
                }
            });
            while (!stop) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                records.forEach(received::add);
                assignment.set(Set.copyOf(consumer.assignment()));
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    Set<TopicPartition> assignment() {
        return assignment.get();
    }

    Throwable failure() {
        return failure;
    }

    /** Leaves the group cleanly (LeaveGroup) and waits for the thread. */
    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(15_000);
    }
}
