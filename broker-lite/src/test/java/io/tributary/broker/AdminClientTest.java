package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official Admin client: create, list, describe, add partitions, delete. */
class AdminClientTest {
    @TempDir
    static Path dataDir;
    static BrokerLite broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerTestSupport.startBroker(dataDir);
        admin = BrokerTestSupport.admin(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createListDescribeAddPartitionsDelete() throws Exception {
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1).configs(Map.of("retention.ms", "3600000")))).all().get();

        assertThat(admin.listTopics(new ListTopicsOptions()).names().get()).contains("orders");

        TopicDescription description = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
        assertThat(description.partitions()).hasSize(3);
        assertThat(description.topicId().toString()).isNotEmpty();
        assertThat(description.partitions().get(0).leader().id()).isZero();

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        assertThat(config.get("retention.ms").source()).isEqualTo(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("segment.bytes").value()).isEqualTo(Long.toString(1L << 30));

        admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(5))).all().get();
        assertThat(admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders").partitions()).hasSize(5);
        try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(), Map.of())) {
            assertThat(producer.send(new ProducerRecord<>("orders", 4, "k", "v")).get().offset()).isZero();
        }
        assertThat(admin.listOffsets(Map.of(new TopicPartition("orders", 4), OffsetSpec.latest())).all().get()
                .get(new TopicPartition("orders", 4)).offset()).isEqualTo(1);

        admin.deleteTopics(List.of("orders")).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("orders");
        assertThat(Files.exists(dataDir.resolve("orders-0"))).isFalse();
    }

    @Test
    void badRequestsGetKafkasErrors() {
        assertThat(cause(() -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get()))
                .isInstanceOf(InvalidTopicException.class);
        assertThat(cause(() -> admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get()))
                .isInstanceOf(InvalidReplicationFactorException.class);
        assertThat(cause(() -> admin.createTopics(List.of(new NewTopic("zero", 0, (short) 1))).all().get()))
                .isInstanceOf(InvalidPartitionsException.class);
        assertThat(cause(() -> admin.createTopics(List.of(new NewTopic("badconf", 1, (short) 1)
                .configs(Map.of("retention.ms", "soon")))).all().get()))
                .hasMessageContaining("retention.ms");
        assertThat(cause(() -> admin.deleteTopics(List.of("never-created")).all().get()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void existingTopicsAreRefusedAndPartitionsNeverShrink() throws Exception {
        admin.createTopics(List.of(new NewTopic("twice", 2, (short) 1))).all().get();
        assertThat(cause(() -> admin.createTopics(List.of(new NewTopic("twice", 2, (short) 1))).all().get()))
                .isInstanceOf(TopicExistsException.class);
        assertThat(cause(() -> admin.createPartitions(Map.of("twice", NewPartitions.increaseTo(1))).all().get()))
                .isInstanceOf(InvalidPartitionsException.class);
        assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        assertThat(admin.describeCluster().clusterId().get()).isNotBlank();
        assertThat(admin.listTopics().names().get()).containsAll(Set.of("twice"));
    }

    private static Throwable cause(ThrowingCall call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }
}
