package io.tributary.sink.runner;

import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.MemorySink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterTopicTest {
    @TempDir
    Path dir;

    @Test
    void rejectedRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheLoadGoesOn() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            broker.createTopic("events", 1);
            broker.createTopic("events-rejects", 1);
            broker.produce("events", 1, List.of("good-1", "bad-1", "good-2", "bad-2", "good-3"));
            MemorySink.reset("dlq");
            MemorySink.Store store = MemorySink.store("dlq");
            String yaml = ContinuousLoadTest.config(broker.bootstrap(), dir.resolve("state"),
                    "  - type: memory\n    id: dlq\n    topics: [events]\n    reject-containing: bad\n"
                            + "    dead-letter: {topic: events-rejects}\n    batch: {max-wait-ms: 20}\n");
            try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> store.values.size() >= 3);
            }
            assertThat(store.values).containsExactly("good-1", "good-2", "good-3");
            List<ConsumerRecord<byte[], byte[]>> rejects = broker.readAll("events-rejects");
            assertThat(rejects).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("bad-1", "bad-2");
            ConsumerRecord<byte[], byte[]> first = rejects.get(0);
            assertThat(new String(first.headers().lastHeader("tributary.reason").value(), StandardCharsets.UTF_8)).isEqualTo("contains 'bad'");
            assertThat(new String(first.headers().lastHeader("tributary.offset").value(), StandardCharsets.UTF_8)).isEqualTo("1");
            assertThat(new String(first.headers().lastHeader("tributary.topic").value(), StandardCharsets.UTF_8)).isEqualTo("events");
        }
    }
}
