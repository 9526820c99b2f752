package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real KafkaProducer / KafkaConsumer (assign) against an in-process broker-lite. */
class ProduceConsumeTest {
    @TempDir
    static Path dataDir;
    static BrokerLite broker;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerTestSupport.startBroker(dataDir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> producerSettings() {
        return Stream.of(
                Arguments.of("defaults (idempotent, acks=all)", Map.of()),
                Arguments.of("acks=0", Map.of(ProducerConfig.ACKS_CONFIG, "0", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)),
                Arguments.of("acks=1", Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)),
                Arguments.of("gzip", Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip")),
                Arguments.of("snappy", Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy")),
                Arguments.of("lz4", Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")),
                Arguments.of("zstd", Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("producerSettings")
    void everyRecordIsReadBackInOrderWithKeyValueHeadersAndTimestamp(String name, Map<String, Object> settings) throws Exception {
        String topic = "pc-" + name.replaceAll("[^a-z0-9]", "");
        int count = 3000;
        long baseTs = 1_700_000_000_000L;
        Map<String, Object> overrides = new HashMap<>(settings);
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(), overrides)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                headers.add("codec", name.getBytes(StandardCharsets.UTF_8));
                acks.add(producer.send(new ProducerRecord<>(topic, 0, baseTs + i, "key-" + i, "value-" + i + "-" + "x".repeat(i % 50), headers)));
            }
            producer.flush();
            for (int i = 0; i < count; i++) {
                RecordMetadata md = acks.get(i).get();
                if (!settings.containsKey(ProducerConfig.ACKS_CONFIG) || !"0".equals(settings.get(ProducerConfig.ACKS_CONFIG))) {
                    assertThat(md.offset()).isEqualTo(i);
                }
            }
        }
        try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(), Map.of())) {
            List<ConsumerRecord<String, String>> records =
                    BrokerTestSupport.readAll(consumer, List.of(new TopicPartition(topic, 0)), count);
            assertThat(records).hasSize(count);
            for (int i = 0; i < count; i++) {
                ConsumerRecord<String, String> r = records.get(i);
                assertThat(r.offset()).isEqualTo(i);
                assertThat(r.key()).isEqualTo("key-" + i);
                assertThat(r.value()).isEqualTo("value-" + i + "-" + "x".repeat(i % 50));
                assertThat(r.timestamp()).isEqualTo(baseTs + i);
                assertThat(new String(r.headers().lastHeader("seq").value(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
                assertThat(new String(r.headers().lastHeader("codec").value(), StandardCharsets.UTF_8)).isEqualTo(name);
            }
        }
    }

    @Test
    void keyedRecordsKeepTheirOrderWithinEachPartitionOfAMultiPartitionTopic() throws Exception {
        String topic = "keyed";
        try (Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        int count = 6000;
        Map<TopicPartition, List<String>> sentPerPartition = new HashMap<>();
        try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(),
                Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20, ProducerConfig.LINGER_MS_CONFIG, 10))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, "host-" + (i % 13), "line " + i)));
            }
            for (int i = 0; i < count; i++) {
                RecordMetadata md = acks.get(i).get();
                sentPerPartition.computeIfAbsent(new TopicPartition(topic, md.partition()), k -> new ArrayList<>()).add("line " + i);
            }
        }
        List<TopicPartition> partitions = IntStream.range(0, 6).mapToObj(p -> new TopicPartition(topic, p)).toList();
        try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(), Map.of())) {
            List<ConsumerRecord<String, String>> records = BrokerTestSupport.readAll(consumer, partitions, count);
            Map<TopicPartition, List<String>> readPerPartition = new HashMap<>();
            for (ConsumerRecord<String, String> r : records) {
                readPerPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>()).add(r.value());
            }
            assertThat(readPerPartition).isEqualTo(sentPerPartition);
            assertThat(sentPerPartition).hasSizeGreaterThan(1);
        }
    }

    @Test
    void aRecordNearTheMaximumSizeRoundTrips() throws Exception {
        String topic = "big";
        byte[] value = new byte[900 * 1024];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31);
        }
        try (KafkaProducer<byte[], byte[]> producer = BrokerTestSupport.bytesProducer(broker.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>(topic, 0, null, value)).get();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerTestSupport.bytesConsumer(broker.bootstrapServers())) {
            List<ConsumerRecord<byte[], byte[]>> records = BrokerTestSupport.readAll(consumer, List.of(new TopicPartition(topic, 0)), 1);
            assertThat(records.get(0).value()).isEqualTo(value);
        }
    }
}
