package io.tributary.bench.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches how many records a one-partition topic holds by asking the broker for its end
 * offset (a cheap ListOffsets request), so the benchmark does not compete with the agent by
 * consuming everything.
 */
final class EndOffsets implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    EndOffsets(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    long records(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        return consumer.endOffsets(List.of(tp), Duration.ofSeconds(5)).get(tp);
    }

    /** Nano time at which the topic first held {@code n} records, polling every {@code everyMs}. */
    long awaitRecords(String topic, long n, long everyMs, long timeoutMs, Child producer) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (records(topic) >= n) {
                return System.nanoTime();
            }
            if (!producer.process.isAlive() && records(topic) < n) {
                throw new IllegalStateException(producer.log.getFileName() + " exited with " + producer.process.exitValue()
                        + " after " + records(topic) + " of " + n + " records:\n" + producer.tail());
            }
            Thread.sleep(everyMs);
        }
        throw new IllegalStateException("only " + records(topic) + " of " + n + " records in " + topic + " after "
                + timeoutMs + " ms; " + producer.log.getFileName() + ":\n" + producer.tail());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
