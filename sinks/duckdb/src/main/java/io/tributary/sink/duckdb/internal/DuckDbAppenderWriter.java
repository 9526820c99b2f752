package io.tributary.sink.duckdb.internal;

import io.tributary.sink.jdbc.internal.RowWriter;
import io.tributary.sink.mapping.ColumnSpec;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DuckDB's fast path: its appender. The appender commits on its own, outside the connection's
 * transaction, so it cannot write the target table directly without breaking exactly-once.
 * Instead, at {@link #flush}: rows are appended into a connection-local TEMP staging table per
 * target ({@code temp.main.tributary_stage_<table>}, same columns), then one
 * {@code INSERT INTO target SELECT * FROM stage; DELETE FROM stage} runs inside the sink's
 * transaction, which also carries the offsets. A crash loses the staging table with the
 * connection; a rollback is followed by {@link #discard} emptying it.
 *
 * <p>{@code flush} runs first in its transaction (after the previous commit or rollback), so the
 * transaction's snapshot includes what the appender just committed into the stage. The appender
 * fills columns by position: the target has the mapping's columns in order when the sink created it.
 * Not thread-safe.
 */
public final class DuckDbAppenderWriter implements RowWriter {
    private static final Logger log = LoggerFactory.getLogger(DuckDbAppenderWriter.class);

    static final String CHECKPOINT_THRESHOLD = "256MB";

    private final Map<String, List<Object[]>> buffered = new LinkedHashMap<>();
    private final Set<String> stagesReady = new HashSet<>();
    private Connection stagesConnection;

    @Override
    public void write(Connection connection, String table, List<ColumnSpec> columns, Iterable<Object[]> rows) {
        List<Object[]> list = null;
        for (Object[] row : rows) {
            if (list == null) {
                list = buffered.computeIfAbsent(table, t -> new ArrayList<>());
            }
            list.add(row);
        }
    }

    @Override
    public void flush(Connection connection) throws SQLException {
        if (buffered.isEmpty()) {
            return;
        }
        if (connection != stagesConnection) {
            stagesReady.clear(); // temp tables die with their connection
            stagesConnection = connection;
            try (Statement settings = connection.createStatement()) {
                // Each batch adds megabytes to the WAL; DuckDB's default 16 MB threshold would checkpoint after nearly every one.
                settings.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
            }
        }
        for (String table : buffered.keySet()) {
            ensureStage(connection, table);
        }
        long started = System.nanoTime();
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        for (Map.Entry<String, List<Object[]>> e : buffered.entrySet()) {
            try (DuckDBAppender appender = duck.createAppender("temp", "main", stageName(e.getKey()))) {
                for (Object[] row : e.getValue()) {
                    appender.beginRow();
                    for (Object value : row) {
                        append(appender, value);
                    }
                    appender.endRow();
                }
                appender.flush();
            }
        }
        long appended = System.nanoTime();
        try (Statement move = connection.createStatement()) {
            for (String table : buffered.keySet()) {
                move.execute("INSERT INTO " + table + " SELECT * FROM temp.main." + stageName(table));
                move.execute("DELETE FROM temp.main." + stageName(table));
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("appended to staging in {} ms, moved into the tables in {} ms", (appended - started) / 1_000_000,
                    (System.nanoTime() - appended) / 1_000_000);
        }
        buffered.clear();
    }

    @Override
    public void discard(Connection connection) {
        buffered.clear();
        if (connection != stagesConnection) {
            return;
        }
        try (Statement clear = connection.createStatement()) {
            for (String table : stagesReady) {
                clear.execute("DELETE FROM temp.main." + stageName(table));
            }
            connection.commit();
        } catch (SQLException e) {
            log.debug("could not empty staging tables", e);
            stagesReady.clear();
            stagesConnection = null;
        }
    }

    private void ensureStage(Connection connection, String table) throws SQLException {
        if (stagesReady.contains(table)) {
            return;
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TEMP TABLE IF NOT EXISTS " + stageName(table) + " AS SELECT * FROM " + table + " LIMIT 0");
            ddl.execute("DELETE FROM temp.main." + stageName(table));
        }
        connection.commit(); // nothing else is in this transaction yet: flush runs first
        stagesReady.add(table);
    }

    private static String stageName(String table) {
        return "tributary_stage_" + table.replace('.', '_');
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof String s) {
            appender.append(s);
        } else if (value instanceof Long l) {
            appender.append(l.longValue());
        } else if (value instanceof Integer i) {
            appender.append(i.intValue());
        } else if (value instanceof Double d) {
            appender.append(d.doubleValue());
        } else if (value instanceof Boolean b) {
            appender.append(b.booleanValue());
        } else if (value instanceof Instant instant) {
            // TIMESTAMPTZ is microseconds since the epoch, UTC.
            appender.appendEpochMicros(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000));
        } else {
            throw new IllegalArgumentException("no appender mapping for " + value.getClass().getName());
        }
    }
}
