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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PostgresSinkTest {
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

    private SinkRunner runner(String sinks) throws Exception {
        return SinkRunner.open(SinkRunnerConfig.parse(SinkYaml.standalone(broker.bootstrap(), dir.resolve("state"), sinks), SinkFactories.load()));
    }

    @Test
    void loadsATopicThroughCopyAndTheRowsMatchWhatWasProduced() throws Exception {
        String table = db.newTable("pg_logs");
        broker.createTopic("logs", 3);
        List<String> events = TestEvents.logEvents("e", 0, 1000);
        broker.produce("logs", 3, events);
        try (SinkRunner runner = runner("  - type: postgres\n    topics: [logs]\n    url: " + db.url() + "\n    table: " + table
                + "\n    mapping: log-event\n    batch: {max-records: 300, max-wait-ms: 50}\n").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM " + table) >= 1000);
        }
        assertThat(db.count("SELECT count(*) FROM " + table)).isEqualTo(1000);
        assertThat(db.strings("SELECT body FROM " + table))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.replaceAll(".*\"body\":\"([^\"]+)\".*", "$1")).toList());
        List<Object> first = db.rows("SELECT ts, host, source, body, attributes->>'level', (attributes->>'line')::int FROM " + table
                + " WHERE body = 'e-7'").get(0);
        assertThat(((java.sql.Timestamp) db.rows("SELECT ts FROM " + table + " WHERE body = 'e-7'").get(0).get(0)).toInstant())
                .isEqualTo(Instant.parse("2026-12-01T10:00:07Z"));
        assertThat(first.subList(1, 6)).containsExactly("web-1", "file:/var/log/app.log", "e-7", "INFO", 3);
        Map<String, String> types = db.rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '" + table + "'")
                .stream().collect(Collectors.toMap(r -> (String) r.get(0), r -> (String) r.get(1)));
        assertThat(types).containsEntry("ts", "timestamp with time zone").containsEntry("attributes", "jsonb").containsEntry("body", "text");
        assertThat(db.count("SELECT sum(next_offset) FROM tributary_offsets WHERE sink = '" + table + "'")).isEqualTo(1000);
    }

    @Test
    void sinkProcessesStartingTogetherAllCreateOrFindTheirTables() throws Exception {
        // PostgreSQL's CREATE TABLE IF NOT EXISTS races: concurrent creators of one new table can fail.
        for (int round = 0; round < 5; round++) {
            String table = db.newTable("pg_race");
            int members = 4;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(members);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(members);
            try {
                List<java.util.concurrent.Future<?>> opened = new java.util.ArrayList<>();
                for (int m = 0; m < members; m++) {
                    Path state = dir.resolve("state-" + round + "-" + m);
                    String yaml = SinkYaml.standalone(broker.bootstrap(), state, "  - type: postgres\n    topics: [logs]\n    url: "
                            + db.url() + "\n    table: " + table + "\n    mapping: log-event\n");
                    opened.add(pool.submit(() -> {
                        together.await();
                        SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load())).close();
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : opened) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS); // throws what a failed open threw
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(db.count("SELECT count(*) FROM " + table)).isZero();
            assertThat(db.count("SELECT count(*) FROM " + table + "_rejects")).isZero();
        }
    }

    @Test
    void badRecordsLandInTheRejectsTableWithTheReasonAndGoodOnesLoad() throws Exception {
        String table = db.newTable("pg_bad");
        broker.createTopic("mixed", 1);
        broker.produce("mixed", 1, List.of(
                TestEvents.logEvent(Instant.parse("2026-12-01T10:00:00Z"), "h", "good-1"),
                "this is not json",
                "{\"host\":\"h\",\"body\":\"no timestamp\"}",
                "{\"timestamp\":\"yesterday\",\"body\":\"bad timestamp\"}",
                "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"body\":\"nul \\u0000 inside\"}",
                "{\"timestamp\":\"2026-12-01T10:00:01Z\",\"host\":\"h\",\"body\":\"good-2\\ttab\\nnewline\\\\backslash\"}"));
        try (SinkRunner runner = runner("  - type: postgres\n    topics: [mixed]\n    url: " + db.url() + "\n    table: " + table
                + "\n    batch: {max-wait-ms: 50}\n").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM tributary_offsets WHERE sink = '" + table + "' AND next_offset = 6") == 1);
        }
        assertThat(db.strings("SELECT body FROM " + table + " ORDER BY ts")).containsExactly("good-1", "good-2\ttab\nnewline\\backslash");
        assertThat(db.rows("SELECT kafka_offset, reason, raw FROM " + table + "_rejects ORDER BY kafka_offset"))
                .extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactly(
                        "1 not valid JSON: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                        "2 ts ($.timestamp): required but missing",
                        "3 ts ($.timestamp): not an ISO-8601 timestamp with offset: \"yesterday\"",
                        "4 body ($.body): contains a NUL character");
        assertThat(db.strings("SELECT raw FROM " + table + "_rejects WHERE kafka_offset = 1")).containsExactly("this is not json");
    }

    @Test
    void customColumnsWithTypesAndRecordMetadata() throws Exception {
        String table = db.newTable("pg_cols");
        broker.createTopic("metrics", 1);
        broker.produce("metrics", 1, List.of(
                "{\"t\":1764583200000,\"v\":{\"n\":42,\"x\":1.5,\"ok\":true},\"tags\":[\"a\",\"b\"]}",
                "{\"t\":\"2026-12-01T10:00:00+01:00\",\"v\":{\"n\":\"7\",\"x\":2,\"ok\":false}}",
                "{\"t\":1764583200000,\"v\":{\"n\":\"seven\",\"x\":1,\"ok\":true}}"));
        try (SinkRunner runner = runner("  - type: postgres\n    topics: [metrics]\n    url: " + db.url() + "\n    table: " + table
                + "\n    columns:\n      at: {path: $.t, type: timestamp, required: true}\n      n: {path: $.v.n, type: long}\n"
                + "      x: {path: $.v.x, type: double}\n      ok: {path: $.v.ok, type: boolean}\n      first_tag: $.tags[0]\n"
                + "      src_offset: {path: '@offset', type: long}\n      src_topic: '@topic'\n    batch: {max-wait-ms: 50}\n").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM tributary_offsets WHERE sink = '" + table + "' AND next_offset = 3") == 1);
        }
        assertThat(db.rows("SELECT n, x, ok, first_tag, src_offset, src_topic, extract(epoch from at)::bigint FROM " + table + " ORDER BY src_offset"))
                .containsExactly(
                        List.of(42L, 1.5, true, "a", 0L, "metrics", 1764583200L), // epoch millis in, epoch seconds out
                        java.util.Arrays.asList(7L, 2.0, false, null, 1L, "metrics", Instant.parse("2026-12-01T09:00:00Z").getEpochSecond()));
        assertThat(db.strings("SELECT reason FROM " + table + "_rejects")).containsExactly("n ($.v.n): not an integer: \"seven\"");
    }

    @Test
    void loadsIntoAnExistingTableWithOtherColumnTypesThroughTextCopy() throws Exception {
        String table = db.newTable("pg_existing");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (ts timestamp, host varchar(20), source varchar(100), body varchar(200), attributes json, extra int DEFAULT 7)");
        }
        broker.createTopic("logs", 1);
        broker.produce("logs", 1, TestEvents.logEvents("x", 0, 10));
        try (SinkRunner runner = runner("  - type: postgres\n    topics: [logs]\n    url: " + db.url() + "\n    table: " + table
                + "\n    create-table: false\n    dead-letter: {topic: logs-rejects}\n    batch: {max-wait-ms: 50}\n")) {
            assertThat(runner.runOnce(table).rows()).isEqualTo(10);
        }
        assertThat(db.strings("SELECT ts || ' ' || host || ' ' || body || ' ' || extra FROM " + table + " WHERE body = 'x-3'"))
                .containsExactly("2026-12-01 10:00:03 web-0 x-3 7");
    }

    @Test
    void aConnectionKilledMidLoadIsRetriedAndEveryEventLandsOnce() throws Exception {
        String table = db.newTable("pg_retry");
        broker.createTopic("logs", 2);
        int events = 50_000;
        broker.produce("logs", 2, TestEvents.logEvents("r", 0, events));
        String app = "tributary-" + table;
        String url = db.url() + "&ApplicationName=" + app;
        try (SinkRunner runner = runner("  - type: postgres\n    topics: [logs]\n    url: " + url + "\n    table: " + table
                + "\n    batch: {max-records: 100, max-wait-ms: 20}\n    retry: {initial-backoff-ms: 20, max-backoff-ms: 100}\n").start()) {
            for (long threshold : new long[]{5_000, 15_000}) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                        .until(() -> db.count("SELECT count(*) FROM " + table) >= threshold);
                // The server drops the sink's connection, as a database restart or a network cut would
                // (polled: between a drop and the reconnect there is no connection to kill).
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> db.count(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" + app + "'") == 1);
                assertThat(db.count("SELECT count(*) FROM " + table)).as("killed mid-load").isLessThan(events);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT count(*) FROM " + table) >= events);
            assertThat(runner.failure()).isNotDone();
        }
        assertThat(db.count("SELECT count(*) FROM " + table)).isEqualTo(events);
        assertThat(db.count("SELECT count(DISTINCT body) FROM " + table)).isEqualTo(events);
    }

    @Test
    void configErrorsNameTheKey() {
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - type: postgres\n    topics: [l]\n    url: jdbc:mariadb://x/y\n    table: t\n", SinkFactories.load()))
                .hasMessageStartingWith("sinks[0].url: type postgres needs a jdbc:postgresql:// URL");
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - type: postgres\n    topics: [l]\n    url: jdbc:postgresql://x/y\n    table: t\n    mapping: weird\n", SinkFactories.load()))
                .hasMessageStartingWith("sinks[0].mapping: unknown mapping 'weird'");
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - type: postgres\n    topics: [l]\n    url: jdbc:postgresql://x/y\n    table: t\n    colums: {}\n", SinkFactories.load()))
                .hasMessageStartingWith("sinks[0].colums: unknown key");
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - type: postgres\n    topics: [l]\n    url: jdbc:postgresql://x/y\n    table: t\n    columns: {a: {path: $.a, type: money}}\n", SinkFactories.load()))
                .hasMessageStartingWith("sinks[0].columns.a.type: unknown type 'money'");
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - type: postgres\n    topics: [l]\n    url: jdbc:postgresql://x/y\n    table: drop table;\n", SinkFactories.load()))
                .hasMessageStartingWith("sinks[0].table: not a plain SQL identifier");
    }
}
