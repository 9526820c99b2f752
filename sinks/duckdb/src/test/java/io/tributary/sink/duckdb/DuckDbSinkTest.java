package io.tributary.sink.duckdb;

import io.tributary.sink.jdbc.SinkYaml;
import io.tributary.sink.runner.SinkFactories;
import io.tributary.sink.runner.SinkRunner;
import io.tributary.sink.runner.SinkRunnerConfig;
import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.SinkProcess;
import io.tributary.sink.testing.TestEvents;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class DuckDbSinkTest {
    @TempDir
    Path dir;
    EmbeddedBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private String url() {
        return "jdbc:duckdb:" + dir.resolve("wh/warehouse.duckdb");
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    @Test
    void loadsLogEventsThroughTheAppenderWithRejectsInTheSameTransaction() throws Exception {
        broker.createTopic("logs", 2);
        List<String> events = new ArrayList<>(TestEvents.logEvents("d", 0, 400));
        events.add("{\"timestamp\":\"not a time\",\"body\":\"x\"}");
        broker.produce("logs", 2, events);
        String yaml = SinkYaml.standalone(broker.bootstrap(), dir.resolve("state"),
                "  - type: duckdb\n    topics: [logs]\n    url: " + url() + "\n    table: logs\n    batch: {max-records: 100, max-wait-ms: 50}\n");
        try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load()))) {
            assertThat(runner.runOnce("logs").rows()).isEqualTo(400);
        }
        assertThat(query("SELECT count(*), count(DISTINCT body) FROM logs")).containsExactly("400|400");
        assertThat(query("SELECT ts AT TIME ZONE 'UTC', host, attributes->>'level' FROM logs WHERE body = 'd-9'"))
                .containsExactly("2026-12-01 10:00:09.0|web-0|INFO");
        assertThat(query("SELECT kafka_offset, reason FROM logs_rejects")).containsExactly("200|ts ($.timestamp): not an ISO-8601 timestamp with offset: \"not a time\"");
        assertThat(query("SELECT topic, partition_id, next_offset FROM tributary_offsets WHERE sink = 'logs' ORDER BY partition_id"))
                .containsExactly("logs|0|201", "logs|1|200");
    }

    @Test
    void kill9MidLoadThenRestartStoresEveryEventExactlyOnce() throws Exception {
        // A DuckDB file admits one process; progress is watched through the group's committed offsets.
        assumeThat(broker.supportsGroups()).as("broker-lite speaks the group protocol").isTrue();
        int events = 20_000;
        broker.createTopic("logs", 4);
        broker.produce("logs", 4, TestEvents.logEvents("k", 0, events));
        Path config = dir.resolve("sink.yaml");
        Files.writeString(config, SinkYaml.group(broker.bootstrap(), "duck", dir.resolve("state"),
                "  - type: duckdb\n    topics: [logs]\n    url: " + url() + "\n    table: logs\n    batch: {max-records: 500, max-wait-ms: 20}\n"));

        try (SinkProcess first = SinkProcess.start(config, dir.resolve("first.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> committed() >= 2_000);
            first.kill9();
        }
        assertThat(Long.parseLong(query("SELECT count(*) FROM logs").get(0))).as("killed mid-load").isLessThan(events);

        try (SinkProcess second = SinkProcess.start(config, dir.resolve("second.log"))) {
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> committed() >= events);
            } catch (ConditionTimeoutException e) {
                // The restarted process's own log says why it did not finish (kept for the failure report).
                throw new AssertionError("restarted sink did not load every event (group offsets at " + committed()
                        + " of " + events + "); its log:\n" + second.output(), e);
            }
            second.terminate();
        }
        assertThat(query("SELECT count(*), count(DISTINCT body) FROM logs")).containsExactly(events + "|" + events);
        assertThat(query("SELECT sum(next_offset) FROM tributary_offsets WHERE sink = 'logs'")).containsExactly(Integer.toString(events));
    }

    private long committed() {
        return IntStream.range(0, 4).mapToLong(p -> Math.max(0, broker.committed("duck", new TopicPartition("logs", p)))).sum();
    }

    @Test
    void rejectsAnInMemoryDatabase() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SinkRunnerConfig.parse(
                        "sinks:\n  - type: duckdb\n    topics: [l]\n    url: 'jdbc:duckdb::memory:'\n    table: t\n", SinkFactories.load()))
                .hasMessageStartingWith("sinks[0].url: an in-memory DuckDB loses everything at exit");
    }

}
