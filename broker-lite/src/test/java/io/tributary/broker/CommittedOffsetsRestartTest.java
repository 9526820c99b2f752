package io.tributary.broker;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Committed offsets survive a clean restart and a kill -9 of the broker; a new member resumes exactly there. */
class CommittedOffsetsRestartTest {
    static final String TOPIC = "resume";
    static final Map<TopicPartition, OffsetAndMetadata> COMMITTED = Map.of(
            new TopicPartition(TOPIC, 0), new OffsetAndMetadata(7, "seven"),
            new TopicPartition(TOPIC, 1), new OffsetAndMetadata(13),
            new TopicPartition(TOPIC, 2), new OffsetAndMetadata(0));

    @Test
    void aNewMemberResumesAtTheCommittedOffsetsAfterACleanRestart(@TempDir Path dataDir) throws Exception {
        try (BrokerLite broker = GroupTestSupport.startBroker(dataDir)) {
            GroupTestSupport.createTopic(broker.bootstrapServers(), TOPIC, 3);
            GroupTestSupport.produce(broker.bootstrapServers(), TOPIC, 3, 20, "v");
            try (KafkaConsumer<String, String> consumer = groupConsumer(broker.bootstrapServers())) {
                joinAndCommit(consumer);
            }
        }
        try (BrokerLite broker = GroupTestSupport.startBroker(dataDir)) {
            assertResumesAtCommitted(broker.bootstrapServers());
        }
    }

    @Test
    void anAcknowledgedCommitSurvivesKillDashNineOfTheBroker(@TempDir Path dataDir, @TempDir Path configDir) throws Exception {
        Path config = configDir.resolve("broker.yaml");
        Files.writeString(config, "groups:\n  min-session-timeout-ms: 500\n");
        try (BrokerProcess broker = BrokerProcess.start(dataDir, "--config", config.toString())) {
            GroupTestSupport.createTopic(broker.bootstrapServers(), TOPIC, 3);
            GroupTestSupport.produce(broker.bootstrapServers(), TOPIC, 3, 20, "v");
            KafkaConsumer<String, String> consumer = groupConsumer(broker.bootstrapServers());
            joinAndCommit(consumer);
            broker.kill9();
            consumer.close(Duration.ZERO);
        }
        try (BrokerLite broker = GroupTestSupport.startBroker(dataDir)) {
            assertResumesAtCommitted(broker.bootstrapServers());
        }
    }

    private static KafkaConsumer<String, String> groupConsumer(String bootstrap) {
        return BrokerTestSupport.consumer(bootstrap, GroupMemberThread.fastGroupSettings("resumers"));
    }

    private static void joinAndCommit(KafkaConsumer<String, String> consumer) {
        consumer.subscribe(List.of(TOPIC));
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().size() < 3) {
            assertThat(Instant.now()).as("joined the group in time").isBefore(deadline);
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.commitSync(COMMITTED);
    }

    private static void assertResumesAtCommitted(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = groupConsumer(bootstrap)) {
            consumer.subscribe(List.of(TOPIC));
            Map<Integer, Long> firstOffset = new HashMap<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (firstOffset.size() < 3) {
                assertThat(Instant.now()).as("read every partition in time").isBefore(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    firstOffset.putIfAbsent(r.partition(), r.offset());
                }
            }
            assertThat(firstOffset).containsOnly(Map.entry(0, 7L), Map.entry(1, 13L), Map.entry(2, 0L));
            assertThat(consumer.committed(COMMITTED.keySet()).get(new TopicPartition(TOPIC, 0)).metadata()).isEqualTo("seven");
        }
    }
}
