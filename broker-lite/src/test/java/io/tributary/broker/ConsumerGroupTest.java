package io.tributary.broker;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Point-to-point (one group splits a topic) and publish/subscribe (each group gets all of it), with real consumers. */
class ConsumerGroupTest {
    @TempDir
    Path dataDir;
    BrokerLite broker;
    final List<GroupMemberThread> members = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = GroupTestSupport.startBroker(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        for (GroupMemberThread m : members) {
            m.close();
        }
        broker.close();
    }

    private GroupMemberThread member(String name, String topic, String group) {
        GroupMemberThread m = new GroupMemberThread(name, broker.bootstrapServers(), topic, GroupMemberThread.fastGroupSettings(group));
        members.add(m);
        return m;
    }

    @Test
    void threeMembersSplitSixPartitionsConsumeEveryRecordOnceAndTakeOverWhenOneLeaves() throws Exception {
        String topic = "six";
        GroupTestSupport.createTopic(broker.bootstrapServers(), topic, 6);
        Set<TopicPartition> all = GroupTestSupport.partitions(topic, 6);
        GroupMemberThread a = member("a", topic, "g1");
        GroupMemberThread b = member("b", topic, "g1");
        GroupMemberThread c = member("c", topic, "g1");
        Awaitility.await("three members own two partitions each").atMost(Duration.ofSeconds(30)).until(() ->
                GroupTestSupport.disjointAndComplete(List.of(a, b, c), all)
                        && a.assignment().size() == 2 && b.assignment().size() == 2 && c.assignment().size() == 2);

        Set<String> first = GroupTestSupport.produce(broker.bootstrapServers(), topic, 6, 50, "first");
        Awaitility.await("every record consumed").atMost(Duration.ofSeconds(30)).until(() -> receivedValues(a, b, c).size() >= first.size());
        assertThat(receivedValues(a, b, c)).containsExactlyInAnyOrderElementsOf(first);
        for (GroupMemberThread m : List.of(a, b, c)) {
            for (ConsumerRecord<String, String> r : m.received) {
                assertThat(m.assignment()).as("%s got a record of a partition it does not own", m.name)
                        .contains(new TopicPartition(r.topic(), r.partition()));
            }
        }

        c.close();
        Awaitility.await("the two remaining members own all six partitions").atMost(Duration.ofSeconds(10)).until(() ->
                GroupTestSupport.disjointAndComplete(List.of(a, b), all) && a.assignment().size() == 3);
        Set<String> second = GroupTestSupport.produce(broker.bootstrapServers(), topic, 6, 50, "second");
        Set<String> expected = new java.util.HashSet<>(first);
        expected.addAll(second);
        Awaitility.await("records after the move consumed").atMost(Duration.ofSeconds(30))
                .until(() -> receivedValues(a, b, c).size() >= expected.size());
        // Offsets were committed after every poll, so nothing is read twice across the hand-over.
        assertThat(receivedValues(a, b, c)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(a.failure()).isNull();
        assertThat(b.failure()).isNull();
    }

    @Test
    void whenAMemberProcessIsKilledItsPartitionsMoveToTheOthersAfterTheSessionTimeout() throws Exception {
        String topic = "killed";
        GroupTestSupport.createTopic(broker.bootstrapServers(), topic, 6);
        Set<TopicPartition> all = GroupTestSupport.partitions(topic, 6);
        GroupMemberThread a = member("a", topic, "gk");
        GroupMemberThread b = member("b", topic, "gk");
        try (GroupConsumerProcess child = GroupConsumerProcess.start(broker.bootstrapServers(), topic, "gk")) {
            Awaitility.await("two in-process members and the child own two partitions each").atMost(Duration.ofSeconds(60))
                    .until(() -> child.assignment().size() == 2 && a.assignment().size() == 2 && b.assignment().size() == 2);
            Set<TopicPartition> childPartitions = child.assignment();
            child.kill9();
            long killedAt = System.nanoTime();
            Awaitility.await("the survivors own all six partitions").atMost(Duration.ofSeconds(20)).until(() ->
                    GroupTestSupport.disjointAndComplete(List.of(a, b), all));
            long movedAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            // No LeaveGroup came: the move waited for the 2 s session timeout.
            assertThat(movedAfterMs).isGreaterThanOrEqualTo(1_500);
            Set<String> values = GroupTestSupport.produce(broker.bootstrapServers(), topic, 6, 20, "after-kill");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receivedValues(a, b).containsAll(values));
            Set<TopicPartition> union = new java.util.HashSet<>(a.assignment());
            union.addAll(b.assignment());
            assertThat(union).containsAll(childPartitions);
        }
    }

    @Test
    void aStaticMemberThatRestartsGetsItsPartitionsBackWithoutARebalance() throws Exception {
        String topic = "static";
        GroupTestSupport.createTopic(broker.bootstrapServers(), topic, 4);
        Set<TopicPartition> all = GroupTestSupport.partitions(topic, 4);
        Map<String, Object> first = new HashMap<>(GroupMemberThread.fastGroupSettings("gs"));
        first.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "host-1");
        Map<String, Object> second = new HashMap<>(GroupMemberThread.fastGroupSettings("gs"));
        second.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "host-2");
        GroupMemberThread one = new GroupMemberThread("one", broker.bootstrapServers(), topic, first);
        members.add(one);
        GroupMemberThread two = new GroupMemberThread("two", broker.bootstrapServers(), topic, second);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                GroupTestSupport.disjointAndComplete(List.of(one, two), all) && one.assignment().size() == 2);
        Set<TopicPartition> before = two.assignment();
        int rebalancesOfOne = one.rebalances.get();
        // A static member's close() sends no LeaveGroup: the coordinator keeps its place for the session timeout.
        two.close();
        GroupMemberThread twoAgain = new GroupMemberThread("two-again", broker.bootstrapServers(), topic, second);
        members.add(twoAgain);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> twoAgain.assignment().equals(before));
        assertThat(one.rebalances.get()).as("the other member saw no rebalance").isEqualTo(rebalancesOfOne);
        assertThat(one.assignment()).hasSize(2).doesNotContainAnyElementsOf(before);
    }

    @Test
    void twoGroupsOnOneTopicEachGetEveryRecord() throws Exception {
        String topic = "pubsub";
        GroupTestSupport.createTopic(broker.bootstrapServers(), topic, 3);
        Set<String> values = GroupTestSupport.produce(broker.bootstrapServers(), topic, 3, 40, "v");
        GroupMemberThread x1 = member("x1", topic, "gx");
        GroupMemberThread x2 = member("x2", topic, "gx");
        GroupMemberThread y = member("y", topic, "gy");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                receivedValues(x1, x2).size() >= values.size() && receivedValues(y).size() >= values.size());
        assertThat(receivedValues(x1, x2)).containsExactlyInAnyOrderElementsOf(values);
        assertThat(receivedValues(y)).containsExactlyInAnyOrderElementsOf(values);
    }

    /** Every value received, with duplicates kept (a list), so "exactly once" can be asserted. */
    static List<String> receivedValues(GroupMemberThread... from) {
        List<String> values = new ArrayList<>();
        for (GroupMemberThread m : from) {
            m.received.forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
