package io.tributary.sink.jdbc;

import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.SinkProcess;
import io.tributary.sink.testing.TestEvents;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** Real sink processes, killed with SIGKILL in the middle of a load into PostgreSQL. */
class PostgresCrashTest {
    private static final int EVENTS = 20_000;

    @TempDir
    Path dir;
    EmbeddedBroker broker;
    TestDatabase db = TestDatabase.postgres();

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
        db.close();
    }

    private String sinkYaml(String table) {
        // Small batches: many commits, so the kill lands between and inside transactions.
        return "  - type: postgres\n    topics: [logs]\n    url: " + db.url() + "\n    table: " + table
                + "\n    batch: {max-records: 50, max-wait-ms: 20}\n";
    }

    @Test
    void kill9MidLoadThenRestartStoresEveryEventExactlyOnce() throws Exception {
        String table = db.newTable("pg_crash");
        broker.createTopic("logs", 6);
        broker.produce("logs", 6, TestEvents.logEvents("c", 0, EVENTS));
        Path config = dir.resolve("sink.yaml");
        Files.writeString(config, SinkYaml.standalone(broker.bootstrap(), dir.resolve("state"), sinkYaml(table)));

        try (SinkProcess first = SinkProcess.start(config, dir.resolve("first.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> tableExists(table) && db.count("SELECT count(*) FROM " + table) >= 3_000);
            first.kill9();
        }
        long atKill = db.count("SELECT count(*) FROM " + table);
        assertThat(atKill).as("killed in the middle of the load").isLessThan(EVENTS);

        try (SinkProcess second = SinkProcess.start(config, dir.resolve("second.log"))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> db.count("SELECT count(*) FROM " + table) >= EVENTS);
            second.terminate();
            assertThat(second.output()).contains("stopped after loading");
        }
        assertThat(db.count("SELECT count(*) FROM " + table)).isEqualTo(EVENTS);
        assertThat(db.count("SELECT count(DISTINCT body) FROM " + table)).isEqualTo(EVENTS);
        assertThat(db.count("SELECT sum(next_offset) FROM tributary_offsets WHERE sink = '" + table + "'")).isEqualTo(EVENTS);
    }

    @Test
    void twoSinkProcessesInOneGroupSharePartitionsAndWhenOneDiesTheOtherFinishes() throws Exception {
        assumeThat(broker.supportsGroups()).as("broker-lite speaks the group protocol").isTrue();
        String table = db.newTable("pg_group");
        broker.createTopic("logs", 6);
        broker.produce("logs", 6, TestEvents.logEvents("g", 0, EVENTS));
        Path config = dir.resolve("sink.yaml");
        Files.writeString(config, SinkYaml.group(broker.bootstrap(), "pg-loaders", dir.resolve("state"), sinkYaml(table)));

        try (SinkProcess a = SinkProcess.start(config, dir.resolve("a.log"));
             SinkProcess b = SinkProcess.start(config, dir.resolve("b.log"))) {
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> a.output().contains("assigned")
                        && b.output().contains("assigned"));
            } catch (ConditionTimeoutException e) {
                // Both members' own logs say where the group got stuck (kept for the failure report).
                throw new AssertionError("both members should be assigned partitions; a's log:\n" + a.output()
                        + "\nb's log:\n" + b.output(), e);
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> db.count("SELECT count(*) FROM " + table) >= 3_000);
            a.kill9();
            assertThat(db.count("SELECT count(*) FROM " + table)).isLessThan(EVENTS);
            await().atMost(Duration.ofSeconds(120)).until(() -> db.count("SELECT count(*) FROM " + table) >= EVENTS);
            assertThat(b.isAlive()).isTrue();
        }
        assertThat(db.count("SELECT count(*) FROM " + table)).isEqualTo(EVENTS);
        assertThat(db.count("SELECT count(DISTINCT body) FROM " + table)).isEqualTo(EVENTS);
    }

    @Test
    void onceLoadsUpToTheCurrentEndPrintsTheReportAndExits() throws Exception {
        String table = db.newTable("pg_once");
        broker.createTopic("logs", 2);
        broker.produce("logs", 2, TestEvents.logEvents("o", 0, 2_000));
        Path config = dir.resolve("sink.yaml");
        Files.writeString(config, SinkYaml.standalone(broker.bootstrap(), dir.resolve("state"), sinkYaml(table)));
        try (SinkProcess once = SinkProcess.start(config, dir.resolve("once.log"), "--once")) {
            assertThat(once.waitFor(60)).isZero();
            assertThat(once.output()).containsPattern("sink " + table + ": load run loaded 2000 rows \\(0 rejected, \\d+ bytes\\) in [0-9.]+ s, lag 0");
        }
        assertThat(db.count("SELECT count(*) FROM " + table)).isEqualTo(2_000);
    }

    private boolean tableExists(String table) throws Exception {
        return db.count("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'") == 1;
    }
}
