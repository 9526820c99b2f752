package io.tributary.broker;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Members join and leave over and over while records keep coming; once it calms down, the
 * remaining members own every partition and every record produced was consumed (at least once:
 * a member leaving mid-batch may hand over uncommitted records).
 */
class RebalanceStormTest {

    @Test
    void afterAStormOfJoinsAndLeavesNoRecordIsLostAndEveryPartitionIsOwned(@TempDir Path dataDir) throws Exception {
        String topic = "storm";
        try (BrokerLite broker = GroupTestSupport.startBroker(dataDir)) {
            GroupTestSupport.createTopic(broker.bootstrapServers(), topic, 8);
            Set<TopicPartition> all = GroupTestSupport.partitions(topic, 8);
            Set<String> produced = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                try (KafkaProducer<String, String> p = BrokerTestSupport.producer(broker.bootstrapServers(), Map.of())) {
                    AtomicInteger n = new AtomicInteger();
                    while (producing.get()) {
                        String value = "r" + n.incrementAndGet();
                        p.send(new ProducerRecord<>(topic, n.get() % 8, "k", value), (md, e) -> {
                            if (e == null) {
                                produced.add(value);
                            }
                        });
                        if (n.get() % 50 == 0) {
                            p.flush();
                        }
                    }
                }
            });
            producer.start();

            List<GroupMemberThread> everyone = new ArrayList<>();
            List<GroupMemberThread> live = new ArrayList<>();
            try {
                for (int round = 0; round < 8; round++) {
                    GroupMemberThread joined = new GroupMemberThread("m" + round, broker.bootstrapServers(), topic,
                            GroupMemberThread.fastGroupSettings("storm-group"));
                    everyone.add(joined);
                    live.add(joined);
                    // Next step as soon as the newcomer got partitions: rebalances overlap with the next join or leave.
                    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !joined.assignment().isEmpty());
                    if (round % 2 == 1) {
                        live.remove(0).close();
                    }
                }
                producing.set(false);
                producer.join();
                assertThat(produced).hasSizeGreaterThan(100);

                Awaitility.await("the remaining members own every partition").atMost(Duration.ofSeconds(30))
                        .until(() -> GroupTestSupport.disjointAndComplete(live, all));
                Awaitility.await("every produced record was consumed").atMost(Duration.ofSeconds(30)).until(() -> {
                    Set<String> consumed = new HashSet<>();
                    everyone.forEach(m -> m.received.forEach(r -> consumed.add(r.value())));
                    return consumed.containsAll(produced);
                });
                for (GroupMemberThread m : everyone) {
                    assertThat(m.failure()).as("member %s", m.name).isNull();
                }
            } finally {
                producing.set(false);
                for (GroupMemberThread m : live) {
                    m.close();
                }
            }
        }
    }
}
