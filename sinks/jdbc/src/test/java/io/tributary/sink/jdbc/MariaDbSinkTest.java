package io.tributary.sink.jdbc;

import io.tributary.sink.runner.SinkFactories;
import io.tributary.sink.runner.SinkRunner;
import io.tributary.sink.runner.SinkRunnerConfig;
import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generic JDBC batch path on a real MariaDB. */
class MariaDbSinkTest {
    @TempDir
    Path dir;
    EmbeddedBroker broker;
    TestDatabase db = TestDatabase.mariadb();

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
        db.close();
    }

    @Test
    void loadsLogAndMetricEventsThroughJdbcBatchesExactlyOnceAcrossRestarts() throws Exception {
        String logs = db.newTable("maria_logs");
        String metrics = db.newTable("maria_metrics");
        broker.createTopic("logs", 2);
        broker.createTopic("metrics", 1);
        List<String> events = TestEvents.logEvents("m", 0, 500);
        broker.produce("logs", 2, events);
        broker.produce("metrics", 1, List.of(TestEvents.metricEvent(Instant.parse("2026-12-01T10:00:00Z"), "db-1", 0.25)));
        String yaml = SinkYaml.standalone(broker.bootstrap(), dir.resolve("state"),
                "  - type: jdbc\n    topics: [logs]\n    url: " + db.url() + "\n    table: " + logs + "\n    batch: {max-records: 120, max-wait-ms: 50}\n"
                        + "  - type: jdbc\n    topics: [metrics]\n    url: " + db.url() + "\n    table: " + metrics + "\n    mapping: metric-event\n    batch: {max-wait-ms: 50}\n");
        try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM " + logs) >= 500
                    && db.count("SELECT count(*) FROM " + metrics) >= 1);
        }
        List<String> more = new ArrayList<>(TestEvents.logEvents("m", 500, 100));
        more.add("{\"timestamp\":12.5}");
        broker.produce("logs", 2, more);
        try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM " + logs + "_rejects") >= 1);
        }
        assertThat(db.count("SELECT count(*) FROM " + logs)).isEqualTo(600);
        assertThat(db.count("SELECT count(DISTINCT body) FROM " + logs)).isEqualTo(600);
        assertThat(db.rows("SELECT CAST(ts AS CHAR), host, JSON_VALUE(attributes, '$.level') FROM " + logs + " WHERE body = 'm-61'").get(0))
                .containsExactly("2026-12-01 10:01:01.000000", "web-1", "INFO"); // stored in UTC
        assertThat(db.rows("SELECT host, JSON_VALUE(fields, '$.\"cpu.user\"') FROM " + metrics).get(0)).containsExactly("db-1", "0.25");
        assertThat(db.strings("SELECT reason FROM " + logs + "_rejects")).containsExactly("ts ($.timestamp): not a timestamp: 12.5");
        assertThat(db.count("SELECT sum(next_offset) FROM tributary_offsets WHERE sink = '" + logs + "'")).isEqualTo(601);
    }
}
