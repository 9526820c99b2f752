package io.tributary.sink.runner;

import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.MemorySink;
import io.tributary.sink.testing.TestEvents;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** Needs consumer groups in the broker; skipped (not failed) on a broker without them. */
class GroupSharingTest {
    @TempDir
    Path dir;

    @Test
    void anAtLeastOnceSinkResumesFromTheGroupOffsetsTheRunnerCommitted() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            assumeThat(broker.supportsGroups()).as("broker-lite speaks the group protocol").isTrue();
            broker.createTopic("alo", 2);
            broker.produce("alo", 2, TestEvents.logEvents("a", 0, 100));
            MemorySink.reset("alo");
            MemorySink.Store store = MemorySink.store("alo");
            String yaml = groupYaml(broker, "alo-loader", "alo", "    stores-offsets: false\n    batch: {max-wait-ms: 20}\n");
            try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> store.values.size() >= 100);
            }
            assertThat(broker.committed("alo-loader", new TopicPartition("alo", 0))).isEqualTo(50);
            broker.produce("alo", 2, TestEvents.logEvents("b", 100, 50));
            try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> store.values.size() >= 150);
            }
            assertThat(store.values).hasSize(150).doesNotHaveDuplicates();
            assertThat(store.offsets).isEmpty();
        }
    }

    @Test
    void onAssignmentTheGroupCatchesUpWithOffsetsTheSinkStoredBeforeACrash() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            assumeThat(broker.supportsGroups()).as("broker-lite speaks the group protocol").isTrue();
            broker.createTopic("caught", 2);
            broker.produce("caught", 2, TestEvents.logEvents("c", 0, 100));
            MemorySink.reset("caught");
            MemorySink.Store store = MemorySink.store("caught");
            // As after a kill -9 between the sink's commit and the group commit: everything is loaded,
            // the sink's offsets say so, the group has nothing.
            store.offsets.put(new SinkPartition("caught", 0), 50L);
            store.offsets.put(new SinkPartition("caught", 1), 50L);
            String yaml = groupYaml(broker, "caught-loader", "caught", "    batch: {max-wait-ms: 20}\n");
            try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> broker.committed("caught-loader", new TopicPartition("caught", 0)) == 50
                        && broker.committed("caught-loader", new TopicPartition("caught", 1)) == 50);
            }
            assertThat(store.values).as("nothing loaded twice").isEmpty();
        }
    }

    @Test
    void aSinkWithoutOffsetsIsRefusedInStandaloneMode() {
        assertThatThrownBy(() -> SinkRunner.open(SinkRunnerConfig.parse("input: {standalone: true}\nsinks:\n"
                + "  - {type: memory, id: x, stores-offsets: false, topics: [t]}\n", SinkFactories.load())))
                .hasMessageContaining("keeps no offsets of its own, so it needs a consumer group (standalone: false)");
    }

    @Test
    void twoMembersShareThePartitionsAndTheSurvivorFinishesTheLoad() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            assumeThat(broker.supportsGroups()).as("broker-lite speaks the group protocol").isTrue();
            broker.createTopic("shared", 6);
            broker.produce("shared", 6, TestEvents.logEvents("s", 0, 600));
            MemorySink.reset("shared");
            MemorySink.Store store = MemorySink.store("shared"); // one "database" both members write to
            String yaml = groupYaml(broker, "loaders", "shared", "    batch: {max-records: 20, max-wait-ms: 20}\n");
            SinkRunner first = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start();
            try (SinkRunner second = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> store.values.size() >= 600);
                first.close(); // one member leaves; the other takes over its partitions
                broker.produce("shared", 6, TestEvents.logEvents("t", 600, 600));
                await().atMost(Duration.ofSeconds(60)).until(() -> store.values.size() >= 1200);
                await().atMost(Duration.ofSeconds(30)).until(() -> broker.committed("loaders", new TopicPartition("shared", 5)) == 200);
            } finally {
                first.close();
            }
            assertThat(new HashSet<>(store.values)).hasSize(1200);
            assertThat(store.values).hasSize(1200);
        }
    }

    /** A runner in {@code group} with one memory sink {@code id} reading topic {@code id}; {@code sinkKeys} are added to it. */
    private String groupYaml(EmbeddedBroker broker, String group, String id, String sinkKeys) {
        return "input:\n  bootstrap.servers: " + broker.bootstrap() + "\n  group: " + group + "\n"
                + "  consumer: {session.timeout.ms: 6000, heartbeat.interval.ms: 500}\nstate-dir: " + dir
                + "\nsinks:\n  - type: memory\n    id: " + id + "\n    topics: [" + id + "]\n" + sinkKeys;
    }
}
