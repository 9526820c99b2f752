package io.tributary.sink.duckdb.internal;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.RejectedRecord;
import io.tributary.sink.api.SinkContext;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.jdbc.JdbcSinkConfig;
import io.tributary.sink.jdbc.internal.Dialect;
import io.tributary.sink.jdbc.internal.JdbcSink;
import io.tributary.sink.mapping.Mapping;
import io.tributary.sink.testing.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pass-through path stores exactly what the exact path stores, and rejects exactly what it rejects. */
class PassThroughEquivalenceTest {
    private static final SinkPartition P = new SinkPartition("logs", 0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    /** DDL run on each test database before the sink opens it (null: the sink creates the tables). */
    String precreated;

    /** Agent events plus everything the pass-through scan must leave to the exact path (stored or rejected there). */
    static List<String> mixedLogEvents() {
        List<String> events = new ArrayList<>(TestEvents.logEvents("e", 0, 50));
        String ts = "\"timestamp\":\"2026-12-01T10:00:00Z\"";
        events.addAll(List.of(
                "{\"timestamp\":\"2026-12-01T10:00:00.123456+05:30\",\"host\":\"h\",\"body\":\"a\\nb\\u00e9\\/ \\\"q\\\" ✓\",\"other\":[1.5e3]}",
                " { \"timestamp\" : \"2024-02-29T23:59:59.9-17:59\" , \"attributes\" : [1,-2,{\"a\":[]},true,null,\"s\\t\\\"\"] } ",
                "{" + ts + ",\"host\":null,\"source\":\"s\",\"attributes\":null}",
                "{" + ts + ",\"attributes\":{\"k\":\"é\",\"k\":2}}",
                "{" + ts + ",\"body\":\"raw \u007f\u2028 kept\",\"attributes\":{\"r\":\"a\\rb\",\"d\":\"\u007f\u2028😀\"}}",
                "{\"timestamp\":1764583200123,\"host\":\"epoch millis\"}",
                "{\"timestamp\":\"2026-12-01T10:00:00.1234567Z\",\"host\":\"seven digits\"}",
                "{\"timestamp\":\"2026-12-01t10:00:00z\",\"host\":\"lower case\"}",
                "{\"timestamp\":\"2026-02-30T10:00:00Z\"}",
                "{\"timestamp\":\"2026-12-01 10:00:00\"}",
                "{\"timestamp\":\"not a time\",\"body\":\"x\"}",
                "{\"host\":\"no timestamp\"}",
                "{" + ts + ",\"host\":42,\"source\":true,\"body\":{\"nested\": [1, 2]}}",
                "{" + ts + ",\"host\":3.50}",
                "{" + ts + ",\"host\":\"a\",\"host\":\"last wins\"}",
                "{" + ts + ",\"ho\\u0073t\":\"escaped key\"}",
                "{" + ts + ",\"attributes\":{\"a\": 1, \"b\": \"\\u00e9\\/\"}}",
                "{" + ts + ",\"attributes\":{\"a\":1.50,\"big\":12345678901234567890}}",
                "{" + ts + ",\"attributes\":\"a string\"}",
                "{" + ts + ",\"attributes\":42}",
                "{" + ts + ",\"body\":\"nul \\u0000\"}",
                "{" + ts + ",\"body\":\"pair \\ud83d\\ude00\"}",
                "{" + ts + ",\n\"body\":\"line break between fields\"}",
                "{" + ts + "} trailing",
                "{" + ts + ",\"host\":",
                "[1, 2]",
                "not json at all",
                ""));
        return events;
    }

    @Test
    void logEventsGiveTheSameRowsAndRejects() throws Exception {
        assertSameAsExactPath(new JdbcSinkConfig(null, null, null, "logs", "log-event", null, true, null), records(mixedLogEvents()));
    }

    @Test
    void typedFieldColumnsGiveTheSameRowsAndRejects() throws Exception {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("seen_at", Map.of("path", "$.at", "type", "timestamp", "required", true));
        columns.put("name", "$.name");
        columns.put("n", Map.of("path", "$.n", "type", "long"));
        columns.put("i", Map.of("path", "$.i", "type", "int", "required", true));
        columns.put("ok", Map.of("path", "$.ok", "type", "boolean"));
        columns.put("doc", Map.of("path", "$.doc", "type", "json"));
        List<String> events = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            events.add("{\"at\":\"2026-12-01T10:00:" + (10 + k) + "Z\",\"name\":\"n" + k + "\",\"n\":" + (-5_000_000_000L * k)
                    + ",\"i\":" + k + ",\"ok\":" + (k % 2 == 0) + ",\"doc\":{\"k\":[" + k + "]}}");
        }
        events.addAll(List.of(
                "{\"at\":\"2026-12-01T10:00:00Z\",\"i\":\"7\",\"n\":\" 12 \",\"ok\":\"true\"}",
                "{\"at\":\"2026-12-01T10:00:00Z\",\"i\":1,\"n\":1.0}",
                "{\"at\":\"2026-12-01T10:00:00Z\",\"i\":1,\"n\":123456789012345678901}",
                "{\"at\":\"2026-12-01T10:00:00Z\",\"i\":3000000000}",
                "{\"at\":\"2026-12-01T10:00:00Z\",\"i\":1,\"ok\":1}",
                "{\"at\":\"2026-12-01T10:00:00Z\",\"i\":null}",
                "{\"at\":\"2026-12-01T10:00:00Z\",\"i\":1,\"doc\":\"text\",\"name\":[1]}",
                "{\"at\":1764583200000,\"i\":2}"));
        assertSameAsExactPath(new JdbcSinkConfig(null, null, null, "facts", null, columns, true, null), records(events));
    }

    @Test
    void aBatchTheFastStatementRefusesGoesTheExactPathWhole() throws Exception {
        // A pre-existing table with the mapping's columns in order but other names: the appender (by position)
        // loads it, the pass-through INSERT (by name) fails and the batch falls back.
        precreated = "CREATE TABLE logs (ts TIMESTAMPTZ NOT NULL, host VARCHAR, source VARCHAR, body VARCHAR, attrs JSON)";
        List<SinkRecord> records = records(mixedLogEvents());
        DuckDbAppenderWriter writer = new DuckDbAppenderWriter(dir, true);
        try (Connection c = connection("probe")) {
            assertThat(writer.writeRaw(c, "logs", Mapping.LOG_EVENT.columns(), records)).isEqualTo(records);
            c.rollback();
        }
        assertSameAsExactPath(new JdbcSinkConfig(null, null, null, "logs", "log-event", null, true, null), records);
    }

    @Test
    void aStatementThatKeepsFailingIsGivenUp() throws Exception {
        precreated = "CREATE TABLE logs (ts TIMESTAMPTZ NOT NULL, host VARCHAR, source VARCHAR, body VARCHAR, attrs JSON)";
        List<SinkRecord> records = records(TestEvents.logEvents("g", 0, 10));
        DuckDbAppenderWriter writer = new DuckDbAppenderWriter(dir, true);
        try (Connection c = connection("probe")) {
            for (int i = 0; i < DuckDbAppenderWriter.MAX_FAILURES_IN_A_ROW; i++) {
                assertThat(writer.writeRaw(c, "logs", Mapping.LOG_EVENT.columns(), records)).isEqualTo(records);
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE logs RENAME COLUMN attrs TO attributes");
            }
            c.commit();
            assertThat(writer.writeRaw(c, "logs", Mapping.LOG_EVENT.columns(), records)).as("not tried any more").isEqualTo(records);
            c.rollback();
        }
    }

    @Test
    void passThroughLoadsAdmittedRecordsAndLeavesTheRest() throws Exception {
        List<SinkRecord> records = records(mixedLogEvents());
        DuckDbAppenderWriter writer = new DuckDbAppenderWriter(dir, true);
        JsonPassThrough form = JsonPassThrough.of(Mapping.LOG_EVENT.columns());
        long admitted = records.stream().filter(r -> form.safe(r.value())).count();
        assertThat(admitted).as("the 50 agent events and the first 5 edge cases").isEqualTo(55);
        try (Connection c = connection("direct")) {
            List<SinkRecord> rest = writer.writeRaw(c, "logs", Mapping.LOG_EVENT.columns(), records);
            assertThat(rest).hasSize(records.size() - (int) admitted);
            c.commit();
            assertThat(query(c, "SELECT count(*) FROM logs")).containsExactly(Long.toString(admitted));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".tributary-stage"))).as("staging file removed").isEmpty();
        }
    }

    @Test
    void aBatchOfTwoRowGroupsIsStagedInTwoFilesAndStoredInOrder() throws Exception {
        int n = 2 * DuckDbAppenderWriter.ROW_GROUP_ROWS + 1;
        List<String> events = new ArrayList<>(TestEvents.logEvents("e", 0, n));
        events.set(10, "{\"timestamp\":1764583200123,\"body\":\"exact path, first file's share\"}");
        events.set(n - 10, "{\"timestamp\":1764583200123,\"body\":\"exact path, second file's share\"}");
        List<SinkRecord> records = records(events);
        DuckDbAppenderWriter writer = new DuckDbAppenderWriter(dir, true);
        try (Connection c = connection("direct")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET threads = 2"); // the split follows DuckDB's threads; fixed here, whatever the machine has
            }
            c.commit();
            List<SinkRecord> rest = writer.writeRaw(c, "logs", Mapping.LOG_EVENT.columns(), records);
            assertThat(rest).extracting(SinkRecord::offset).containsExactly(10L, (long) n - 10);
            c.commit();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i != 10 && i != n - 10) {
                    expected.add("e-" + i);
                }
            }
            assertThat(query(c, "SELECT body FROM logs")).as("file order, then line order").containsExactlyElementsOf(expected);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".tributary-stage"))).as("staging files removed").isEmpty();
        }
    }

    @Test
    void aBatchIsSplitIntoOneFilePerThreadOfAtLeastOneRowGroup() {
        int group = DuckDbAppenderWriter.ROW_GROUP_ROWS;
        assertThat(DuckDbAppenderWriter.stageParts(0, 2)).isEqualTo(1);
        assertThat(DuckDbAppenderWriter.stageParts(2 * group - 1, 2)).isEqualTo(1);
        assertThat(DuckDbAppenderWriter.stageParts(2 * group, 2)).isEqualTo(2);
        assertThat(DuckDbAppenderWriter.stageParts(1_000_000, 2)).isEqualTo(2);
        assertThat(DuckDbAppenderWriter.stageParts(1_000_000, 16)).isEqualTo(8);
        assertThat(DuckDbAppenderWriter.stageParts(1_000_000, 1)).isEqualTo(1);
    }

    @Test
    void stagingFilesOfDeadProcessesAreRemoved() throws Exception {
        Path stale = Files.writeString(dir.resolve(".tributary-stage-" + Long.MAX_VALUE + "-1.jsonl"), "{}\n");
        Path live = Files.writeString(dir.resolve(".tributary-stage-" + ProcessHandle.current().pid() + "-999999.jsonl"), "{}\n");
        new DuckDbAppenderWriter(dir, true);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void anAbortedBatchLeavesNothingOnEitherPath() throws Exception {
        for (boolean passThrough : new boolean[]{true, false}) {
            String db = "abort-" + passThrough;
            JdbcSink sink = sink(db, new JdbcSinkConfig(url(db), null, null, "logs", "log-event", null, true, null), passThrough);
            sink.assigned(Set.of(P));
            sink.write(records(mixedLogEvents()));
            sink.abort();
            sink.write(records(TestEvents.logEvents("again", 0, 5)));
            sink.commit(Map.of(P, 5L));
            sink.close();
            try (Connection c = connection(db)) {
                assertThat(query(c, "SELECT count(*), min(body) FROM logs")).as("pass-through " + passThrough).containsExactly("5|again-0");
                assertThat(query(c, "SELECT count(*) FROM logs_rejects")).containsExactly("0");
            }
        }
    }

    private void assertSameAsExactPath(JdbcSinkConfig config, List<SinkRecord> records) throws Exception {
        Map<Boolean, List<String>> rows = new LinkedHashMap<>();
        Map<Boolean, List<String>> rejects = new LinkedHashMap<>();
        Map<Boolean, List<String>> returned = new LinkedHashMap<>();
        for (boolean passThrough : new boolean[]{false, true}) {
            String db = config.table() + "-" + passThrough;
            JdbcSinkConfig withUrl = new JdbcSinkConfig(url(db), null, null, config.table(), config.mapping(), config.columns(), true, null);
            JdbcSink sink = sink(db, withUrl, passThrough);
            sink.assigned(Set.of(P));
            List<RejectedRecord> rejected = sink.write(records);
            sink.commit(Map.of(P, (long) records.size()));
            sink.close();
            returned.put(passThrough, rejected.stream().map(r -> r.record().offset() + ": " + r.reason()).toList());
            try (Connection c = connection(db)) {
                rows.put(passThrough, query(c, "SELECT * FROM " + config.table() + " ORDER BY ALL"));
                rejects.put(passThrough, query(c, "SELECT kafka_offset, reason, raw FROM " + config.table() + "_rejects ORDER BY kafka_offset"));
            }
        }
        assertThat(rows.get(false)).as("exact path stores rows").isNotEmpty();
        assertThat(rows.get(true)).isEqualTo(rows.get(false));
        assertThat(rejects.get(false)).as("exact path rejects some").isNotEmpty();
        assertThat(rejects.get(true)).isEqualTo(rejects.get(false));
        assertThat(returned.get(true)).containsExactlyInAnyOrderElementsOf(returned.get(false));
    }

    private JdbcSink sink(String db, JdbcSinkConfig config, boolean passThrough) throws Exception {
        if (precreated != null) {
            connection(db).close();
        }
        JdbcSink sink = new JdbcSink(config, Dialect.DUCKDB, new DuckDbAppenderWriter(dir, passThrough), CLOCK);
        sink.open(new SinkContext("s", "g", new DeadLetter.Default()));
        return sink;
    }

    private static List<SinkRecord> records(List<String> events) {
        List<SinkRecord> records = new ArrayList<>();
        for (String e : events) {
            records.add(new SinkRecord(P.topic(), P.partition(), records.size(), 1_764_583_200_000L, null, e.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private String url(String db) {
        return "jdbc:duckdb:" + dir.resolve(db + ".duckdb");
    }

    private Connection connection(String db) throws SQLException {
        Connection c = DriverManager.getConnection(url(db));
        c.setAutoCommit(false);
        if (db.equals("direct") || db.equals("probe") || precreated != null) {
            try (Statement s = c.createStatement()) {
                s.execute(precreated != null ? precreated.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
                        : Dialect.DUCKDB.createTable("logs", Mapping.LOG_EVENT.columns()));
            }
            c.commit();
        }
        return c;
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
}
