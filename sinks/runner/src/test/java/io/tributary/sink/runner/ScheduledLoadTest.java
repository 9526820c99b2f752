package io.tributary.sink.runner;

import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.MemorySink;
import io.tributary.sink.testing.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScheduledLoadTest {
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

    private SinkRunner runner(String sinkYaml) throws Exception {
        return SinkRunner.open(SinkRunnerConfig.parse(ContinuousLoadTest.config(broker.bootstrap(), dir.resolve("state"), sinkYaml),
                SinkFactories.load()));
    }

    @Test
    void cronRunDrainsToTheEndOffsetAtTheTriggerAndLeavesLaterRecordsForTheNextRun() throws Exception {
        broker.createTopic("hourly", 2);
        broker.produce("hourly", 2, TestEvents.logEvents("early", 0, 100));
        MemorySink.reset("cron");
        MemorySink.Store store = MemorySink.store("cron");
        // Produced while the first run is already loading, i.e. after its trigger.
        store.onFirstWrite = () -> {
            try {
                broker.produce("hourly", 2, TestEvents.logEvents("late", 100, 50));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        try (SinkRunner runner = runner("  - type: memory\n    id: cron\n    topics: [hourly]\n    schedule: \"0/2 * * * * ?\"\n"
                + "    batch: {max-records: 30}\n").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.reports().size() >= 1);
            LoadReport first = runner.reports().get(0);
            assertThat(first.rows()).isEqualTo(100);
            assertThat(first.lag()).isEqualTo(50);
            assertThat(store.values).hasSize(100).allMatch(v -> v.contains("early-"));

            await().atMost(Duration.ofSeconds(30)).until(() -> runner.reports().size() >= 2);
            LoadReport second = runner.reports().get(1);
            assertThat(second.rows()).isEqualTo(50);
            assertThat(second.lag()).isZero();
            assertThat(store.values).hasSize(150).doesNotHaveDuplicates();
        }
    }

    @Test
    void aTriggerMissedWhileStoppedRunsOnceAtStart() throws Exception {
        broker.createTopic("missed", 1);
        broker.produce("missed", 1, TestEvents.logEvents("m", 0, 20));
        MemorySink.reset("missed");
        MemorySink.Store store = MemorySink.store("missed");
        Files.createDirectories(dir.resolve("state"));
        // The last run was two hours ago; the hourly trigger in between was missed.
        Files.writeString(dir.resolve("state/missed.last-run"), Long.toString(Instant.now().minusSeconds(7200).toEpochMilli()));
        try (SinkRunner runner = runner("  - type: memory\n    id: missed\n    topics: [missed]\n    schedule: \"0 0 * * * ?\"\n").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.reports().size() >= 1);
            assertThat(store.values).hasSize(20);
        }
        long recorded = Long.parseLong(Files.readString(dir.resolve("state/missed.last-run")));
        assertThat(recorded).isGreaterThan(Instant.now().minusSeconds(60).toEpochMilli());
    }

    @Test
    void runOnceLoadsUpToNowAndReportsRowsBytesAndLag() throws Exception {
        broker.createTopic("once", 3);
        List<String> events = TestEvents.logEvents("x", 0, 90);
        broker.produce("once", 3, events);
        MemorySink.reset("once");
        try (SinkRunner runner = runner("  - type: memory\n    id: once\n    topics: [once]\n    schedule: \"0 0 0 1 1 ? 2099\"\n")) {
            LoadReport report = runner.runOnce("once");
            assertThat(report.rows()).isEqualTo(90);
            assertThat(report.bytes()).isEqualTo(events.stream().mapToLong(String::length).sum());
            assertThat(report.lag()).isZero();
            assertThat(runner.runOnce("once").rows()).isZero();
        }
        assertThat(MemorySink.store("once").values).hasSize(90);
    }
}
