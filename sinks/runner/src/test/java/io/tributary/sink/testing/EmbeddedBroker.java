package io.tributary.sink.testing;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** A real broker-lite on an ephemeral loopback port, plus helpers to create topics, produce and read. */
public final class EmbeddedBroker implements AutoCloseable {
    private final BrokerLite broker;

    private EmbeddedBroker(BrokerLite broker) {
        this.broker = broker;
    }

    public static EmbeddedBroker start(Path dataDir) throws Exception {
        return new EmbeddedBroker(BrokerLite.start(BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0")));
    }

    public String bootstrap() {
        return broker.bootstrapServers();
    }

    public void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    public KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new StringSerializer());
    }

    /** Produces values round-robin over the topic's partitions (key = index), waiting for every ack. */
    public void produce(String topic, int partitions, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, i % partitions, null, values.get(i))));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    /** Reads every record of a topic (all partitions) from the beginning up to its current end. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    /**
     * Whether this broker speaks the consumer-group protocol (FindCoordinator / OffsetCommit):
     * group-dependent tests assume it, so they run as soon as broker-lite has groups.
     */
    public boolean supportsGroups() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "probe-groups",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.committed(java.util.Set.of(new TopicPartition("__probe", 0)), Duration.ofSeconds(5));
            return true;
        } catch (UnsupportedVersionException | org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        } catch (RuntimeException e) {
            return !(e.getCause() instanceof ExecutionException || e.getCause() instanceof TimeoutException);
        }
    }

    public long committed(String group, TopicPartition tp) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            OffsetAndMetadata committed = consumer.committed(java.util.Set.of(tp), Duration.ofSeconds(10)).get(tp);
            return committed == null ? -1 : committed.offset();
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
