package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Admin client's consumer-group operations against broker-lite. */
class GroupAdminTest {
    @TempDir
    static Path dataDir;
    static BrokerLite broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = GroupTestSupport.startBroker(dataDir);
        admin = BrokerTestSupport.admin(broker.bootstrapServers());
        GroupTestSupport.createTopic(broker.bootstrapServers(), "admin-t", 2);
        GroupTestSupport.produce(broker.bootstrapServers(), "admin-t", 2, 10, "v");
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void listDescribeAndReadOffsetsOfAnActiveGroupThenDeleteItOnceEmpty() throws Exception {
        TopicPartition p0 = new TopicPartition("admin-t", 0);
        TopicPartition p1 = new TopicPartition("admin-t", 1);
        try (GroupMemberThread member = new GroupMemberThread("admin-member", broker.bootstrapServers(), "admin-t",
                GroupMemberThread.fastGroupSettings("watched"))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> member.received.size() == 20);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admin.listConsumerGroups().all().get().stream()
                    .map(org.apache.kafka.clients.admin.ConsumerGroupListing::groupId).toList().contains("watched"));

            assertThat(admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions.forConsumerGroups()
                    .inGroupStates(Set.of(GroupState.STABLE))).all().get()).extracting(GroupListing::groupId).contains("watched");
            assertThat(admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions.forConsumerGroups()
                    .inGroupStates(Set.of(GroupState.EMPTY))).all().get()).extracting(GroupListing::groupId).doesNotContain("watched");
            GroupListing listed = admin.listGroups().all().get().stream().filter(g -> g.groupId().equals("watched"))
                    .findFirst().orElseThrow();
            assertThat(listed.protocol()).isEqualTo("consumer");
            assertThat(listed.groupState()).contains(GroupState.STABLE);

            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("watched")).all().get().get("watched");
            assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(d.partitionAssignor()).isEqualTo("range");
            assertThat(d.coordinator().port()).isEqualTo(broker.port());
            assertThat(d.members()).hasSize(1);
            assertThat(d.members().iterator().next().clientId()).isEqualTo("admin-member");
            assertThat(d.members().iterator().next().assignment().topicPartitions()).containsExactlyInAnyOrder(p0, p1);

            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("watched")
                    .partitionsToOffsetAndMetadata().get();
            assertThat(offsets).containsOnlyKeys(p0, p1);
            assertThat(offsets.get(p0).offset()).isEqualTo(10);
            assertThat(offsets.get(p1).offset()).isEqualTo(10);

            assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("watched")).all().get())
                    .hasCauseInstanceOf(GroupNotEmptyException.class);
            assertThatThrownBy(() -> admin.deleteConsumerGroupOffsets("watched", Set.of(p0)).all().get())
                    .hasCauseInstanceOf(GroupSubscribedToTopicException.class);
        }
        ConsumerGroupDescription empty = admin.describeConsumerGroups(List.of("watched")).all().get().get("watched");
        assertThat(empty.groupState()).isEqualTo(GroupState.EMPTY);

        admin.deleteConsumerGroupOffsets("watched", Set.of(p0)).all().get();
        assertThat(admin.listConsumerGroupOffsets("watched").partitionsToOffsetAndMetadata().get()).containsOnlyKeys(p1);

        admin.deleteConsumerGroups(List.of("watched")).all().get();
        assertThat(admin.listConsumerGroupOffsets("watched").partitionsToOffsetAndMetadata().get()).isEmpty();
        assertThat(admin.listConsumerGroups().all().get()).extracting(org.apache.kafka.clients.admin.ConsumerGroupListing::groupId)
                .doesNotContain("watched");
        assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("watched")).all().get())
                .hasCauseInstanceOf(GroupIdNotFoundException.class);
    }

    @Test
    void offsetsSetByTheAdminClientAreWhereANewMemberStarts() throws Exception {
        TopicPartition p0 = new TopicPartition("admin-t", 0);
        TopicPartition p1 = new TopicPartition("admin-t", 1);
        admin.alterConsumerGroupOffsets("preset", Map.of(p0, new OffsetAndMetadata(8), p1, new OffsetAndMetadata(9))).all().get();
        assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).contains("preset");
        try (GroupMemberThread member = new GroupMemberThread("late", broker.bootstrapServers(), "admin-t",
                GroupMemberThread.fastGroupSettings("preset"))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> member.received.size() == 3);
            assertThat(member.received).extracting(r -> r.partition() + "@" + r.offset()).containsExactlyInAnyOrder("0@8", "0@9", "1@9");
        }
    }

    @Test
    void offsetsOfADeletedTopicAreDroppedAndTheGroupWithThem() throws Exception {
        GroupTestSupport.createTopic(broker.bootstrapServers(), "doomed", 1);
        TopicPartition tp = new TopicPartition("doomed", 0);
        admin.alterConsumerGroupOffsets("doomed-readers", Map.of(tp, new OffsetAndMetadata(0))).all().get();
        assertThat(admin.listConsumerGroupOffsets("doomed-readers").partitionsToOffsetAndMetadata().get()).containsOnlyKeys(tp);
        admin.deleteTopics(List.of("doomed")).all().get();
        broker.runMaintenance();
        assertThat(admin.listConsumerGroupOffsets("doomed-readers").partitionsToOffsetAndMetadata().get()).isEmpty();
        assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).doesNotContain("doomed-readers");
    }

    @Test
    void describingAnUnknownGroupSaysItDoesNotExist() {
        assertThatThrownBy(() -> admin.describeConsumerGroups(List.of("nobody")).all().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(GroupIdNotFoundException.class);
    }
}
