package io.tributary.sink.runner;

import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.MemorySink;
import io.tributary.sink.testing.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ContinuousLoadTest {
    @TempDir
    Path dir;
    EmbeddedBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    static String config(String bootstrap, Path stateDir, String sinkYaml) {
        return "input:\n  bootstrap.servers: " + bootstrap + "\n  group: test\n  standalone: true\n"
                + "state-dir: " + stateDir + "\nsinks:\n" + sinkYaml;
    }

    private SinkRunner runner(String sinkYaml) throws Exception {
        return SinkRunner.open(SinkRunnerConfig.parse(config(broker.bootstrap(), dir.resolve("state"), sinkYaml), SinkFactories.load()));
    }

    @Test
    void streamsEveryRecordExactlyOnceAndResumesWhereItStoppedAfterRestart() throws Exception {
        broker.createTopic("logs", 3);
        broker.produce("logs", 3, TestEvents.logEvents("a", 0, 300));
        MemorySink.reset("stream");
        MemorySink.Store store = MemorySink.store("stream");
        String sink = "  - type: memory\n    id: stream\n    topics: [logs]\n    batch: {max-records: 50, max-wait-ms: 50}\n";

        try (SinkRunner runner = runner(sink).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.values.size() >= 300);
        }
        broker.produce("logs", 3, TestEvents.logEvents("b", 300, 100));
        try (SinkRunner runner = runner(sink).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.values.size() >= 400);
        }

        List<String> produced = broker.readAll("logs").stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(store.values).hasSize(400).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(new HashSet<>(store.values)).hasSize(400);
        assertThat(store.offsets).containsAllEntriesOf(Map.of(
                new SinkPartition("logs", 0), 134L, new SinkPartition("logs", 1), 133L, new SinkPartition("logs", 2), 133L));
    }

    @Test
    void keepsPerPartitionOrder() throws Exception {
        broker.createTopic("ordered", 2);
        broker.produce("ordered", 2, TestEvents.logEvents("o", 0, 200));
        MemorySink.reset("ordered");
        MemorySink.Store store = MemorySink.store("ordered");
        try (SinkRunner runner = runner("  - type: memory\n    id: ordered\n    topics: [ordered]\n    batch: {max-records: 7, max-wait-ms: 20}\n").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.values.size() >= 200);
        }
        List<ConsumerRecord<byte[], byte[]>> produced = broker.readAll("ordered");
        for (int p = 0; p < 2; p++) {
            int partition = p;
            List<String> inTopic = produced.stream().filter(r -> r.partition() == partition)
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            List<String> loaded = store.values.stream().filter(inTopic::contains).toList();
            assertThat(loaded).containsExactlyElementsOf(inTopic);
        }
    }

    @Test
    void retriableErrorsAreRetriedWithBackoffAndLoseNothing() throws Exception {
        broker.createTopic("flaky", 1);
        broker.produce("flaky", 1, TestEvents.logEvents("f", 0, 50));
        MemorySink.reset("flaky");
        MemorySink.Store store = MemorySink.store("flaky");
        store.retriableFailuresLeft = 3;
        try (SinkRunner runner = runner("  - type: memory\n    id: flaky\n    topics: [flaky]\n"
                + "    batch: {max-wait-ms: 20}\n    retry: {initial-backoff-ms: 10, max-backoff-ms: 40}\n").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.values.size() >= 50);
            assertThat(runner.failure()).isNotDone();
        }
        assertThat(store.values).hasSize(50).doesNotHaveDuplicates();
        assertThat(store.writeCalls.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void fatalErrorStopsTheSinkWithItsMessageAndCommitsNothingOfThatBatch() throws Exception {
        broker.createTopic("poison", 1);
        broker.produce("poison", 1, List.of("{\"body\":\"ok-1\"}", "{\"body\":\"poison\"}", "{\"body\":\"ok-2\"}"));
        MemorySink.reset("poison");
        MemorySink.Store store = MemorySink.store("poison");
        try (SinkRunner runner = runner("  - type: memory\n    id: poison\n    topics: [poison]\n    fatal-containing: poison\n"
                + "    batch: {max-wait-ms: 200}\n").start()) {
            Exception failure = runner.failure().get(30, TimeUnit.SECONDS);
            assertThat(failure).hasMessageContaining("simulated fatal error at poison-0@1");
        }
        assertThat(store.values).isEmpty();
        assertThat(store.offsets).isEmpty();
    }
}
