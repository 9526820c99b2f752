package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A broker with test-friendly group timeouts, and helpers for group tests. */
final class GroupTestSupport {
    private GroupTestSupport() {
    }

    static BrokerConfig fastGroupsConfig(Path dataDir) {
        return BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0")
                .withGroups(new BrokerConfig.GroupSettings(500L, null, 0L));
    }

    static BrokerLite startBroker(Path dataDir) throws Exception {
        return BrokerLite.start(fastGroupsConfig(dataDir));
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = BrokerTestSupport.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    /** Sends {@code perPartition} records to each partition, values {@code prefix-p-i}; returns the values. */
    static Set<String> produce(String bootstrap, String topic, int partitions, int perPartition, String prefix) {
        Set<String> values = new HashSet<>();
        try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(bootstrap, Map.of())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < perPartition; i++) {
                    String value = prefix + "-" + p + "-" + i;
                    producer.send(new ProducerRecord<>(topic, p, "k", value));
                    values.add(value);
                }
            }
            producer.flush();
        }
        return values;
    }

    static Set<TopicPartition> partitions(String topic, int count) {
        return IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
    }

    /** True when the members' assignments are disjoint and together exactly {@code all}. */
    static boolean disjointAndComplete(Collection<GroupMemberThread> members, Set<TopicPartition> all) {
        Set<TopicPartition> union = new HashSet<>();
        int total = 0;
        for (GroupMemberThread m : members) {
            union.addAll(m.assignment());
            total += m.assignment().size();
        }
        return total == all.size() && union.equals(all);
    }
}
