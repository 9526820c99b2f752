package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention deletes whole old segments; reading below the log start is OFFSET_OUT_OF_RANGE. */
class RetentionTest {

    @Test
    void retentionBySizeDeletesOldSegmentsAndOldOffsetsBecomeOutOfRange(@TempDir Path dataDir) throws Exception {
        String topic = "retained";
        TopicPartition tp = new TopicPartition(topic, 0);
        // Maintenance runs on demand below, not on a timer.
        try (BrokerLite broker = BrokerLite.start(BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0")
                .withMaintenanceIntervalMs(3_600_000));
             Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(
                    "segment.bytes", "20000", "retention.bytes", "60000", "file.delete.delay.ms", "0")))).all().get();
            try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(),
                    Map.of(ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.BATCH_SIZE_CONFIG, 2000))) {
                for (int i = 0; i < 2000; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, "k", "value-" + i + "-" + "x".repeat(80)));
                }
                producer.flush();
            }
            Path partitionDir = dataDir.resolve("retained-0");
            long segmentsBefore = countSegments(partitionDir);
            assertThat(segmentsBefore).isGreaterThan(5);

            broker.runMaintenance();
            broker.runMaintenance();

            long segmentsAfter = countSegments(partitionDir);
            assertThat(segmentsAfter).isLessThan(segmentsBefore);
            long logStart = admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
            assertThat(logStart).isGreaterThan(0);
            assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset()).isEqualTo(2000);

            try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(),
                    Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
                consumer.assign(List.of(tp));
                consumer.seek(tp, 0);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 50; i++) {
                        consumer.poll(Duration.ofMillis(200));
                    }
                }).isInstanceOf(OffsetOutOfRangeException.class);
                consumer.seek(tp, logStart);
                assertThat(BrokerTestSupport.readAll(consumer, List.of(tp), 1)).isNotEmpty();
            }
        }
        // The advanced log start survives a restart.
        try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir);
             Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
            assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset()).isGreaterThan(0);
        }
    }

    private static long countSegments(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).count();
        }
    }
}
