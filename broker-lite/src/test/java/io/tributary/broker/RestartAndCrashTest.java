package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Data survives a clean restart and a kill -9; a torn tail is cut off at recovery. */
class RestartAndCrashTest {

    @Test
    void aCleanRestartKeepsDataTopicIdsAndOffsets(@TempDir Path dataDir) throws Exception {
        TopicPartition tp = new TopicPartition("restart", 0);
        Uuid idBefore;
        try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir)) {
            produce(broker.bootstrapServers(), tp.topic(), 0, 100);
            try (Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
                idBefore = admin.describeTopics(List.of(tp.topic())).allTopicNames().get().get(tp.topic()).topicId();
            }
        }
        try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir)) {
            try (Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
                assertThat(admin.describeTopics(List.of(tp.topic())).allTopicNames().get().get(tp.topic()).topicId())
                        .isEqualTo(idBefore);
            }
            try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(), Map.of())) {
                assertThat(producer.send(new ProducerRecord<>(tp.topic(), 0, "k", "after-restart")).get().offset()).isEqualTo(100);
            }
            try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(), Map.of())) {
                List<ConsumerRecord<String, String>> records = BrokerTestSupport.readAll(consumer, List.of(tp), 101);
                assertThat(records.get(0).value()).isEqualTo("v0");
                assertThat(records.get(99).value()).isEqualTo("v99");
                assertThat(records.get(100).value()).isEqualTo("after-restart");
            }
        }
    }

    @Test
    void sigtermShutsDownCleanly(@TempDir Path dataDir) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dataDir)) {
            produce(broker.bootstrapServers(), "term", 0, 10);
            broker.terminate();
            assertThat(broker.output()).anyMatch(line -> line.contains("broker-lite stopped"));
        }
        try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir);
             KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(), Map.of())) {
            assertThat(BrokerTestSupport.readAll(consumer, List.of(new TopicPartition("term", 0)), 10)).hasSize(10);
        }
    }

    @Test
    void everyAcknowledgedRecordSurvivesKillDashNineAndATornTailIsTruncated(@TempDir Path dataDir) throws Exception {
        String topic = "crash";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (BrokerProcess broker = BrokerProcess.start(dataDir)) {
            AtomicBoolean stop = new AtomicBoolean();
            KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(),
                    Map.of(ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String value = "record-" + i;
                    try {
                        producer.send(new ProducerRecord<>(topic, 0, "k", value), (md, e) -> {
                            if (e == null) {
                                acknowledged.add(value);
                            }
                        });
                    } catch (RuntimeException e) {
                        return;
                    }
                }
            });
            writer.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 20_000);
            broker.kill9();
            stop.set(true);
            writer.join();
            producer.close(Duration.ZERO);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20_000);

        // Tear the tail: half a record batch after the last complete one, as a crash mid-write leaves it.
        Path lastSegment = lastSegment(dataDir.resolve(topic + "-0"));
        long sizeBeforeTear = Files.size(lastSegment);
        try (FileChannel ch = FileChannel.open(lastSegment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer torn = ByteBuffer.allocate(40);
            torn.putLong(123_456L).putInt(500).putInt(0).put((byte) 2).flip();
            ch.write(torn);
        }

        try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir);
             KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(), Map.of())) {
            assertThat(Files.size(lastSegment)).isLessThanOrEqualTo(sizeBeforeTear);
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<String, String>> records = BrokerTestSupport.readAll(consumer, List.of(tp), (int) end);
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).offset()).isEqualTo(i);
                stored.add(records.get(i).value());
            }
            assertThat(stored).containsAll(acknowledged);
            try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(), Map.of())) {
                assertThat(producer.send(new ProducerRecord<>(topic, 0, "k", "after-crash")).get().offset()).isEqualTo(end);
            }
        }
    }

    private static Path lastSegment(Path partitionDir) throws Exception {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static void produce(String bootstrap, String topic, int partition, int count) throws Exception {
        try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(bootstrap, Map.of())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }
}
