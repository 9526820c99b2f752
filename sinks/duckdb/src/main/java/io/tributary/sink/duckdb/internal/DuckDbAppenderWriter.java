package io.tributary.sink.duckdb.internal;

import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.jdbc.internal.RowWriter;
import io.tributary.sink.mapping.ColumnSpec;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's load paths, both inside the sink's transaction (which also carries the offsets):
 * <ul>
 *   <li>pass-through ({@link #writeRaw}): when the mapping has a {@link JsonPassThrough} form, the
 *       records it admits are written as JSON Lines to staging files next to the database (one per
 *       DuckDB thread, see {@link #stageParts}) and loaded with one
 *       {@code INSERT INTO t (columns) SELECT ... FROM read_json([files])}: DuckDB parses them,
 *       vectorized on all its threads, and Java never parses them. The others go the exact path. If
 *       the statement fails, the transaction (holding nothing else yet) is rolled back and the whole
 *       batch goes the exact path; after {@value #MAX_FAILURES_IN_A_ROW} such batches in a row the
 *       writer stops trying.</li>
 *   <li>exact path ({@link #write}, {@link #flush}): rows extracted in Java, appended with DuckDB's
 *       appender straight into the table. The appender joins the connection's open transaction (it
 *       only commits on its own when none is open), so {@code flush} first makes sure one is open.</li>
 * </ul>
 * The appender fills columns by position: the target has the mapping's columns in order when the
 * sink created it. Not thread-safe.
 */
public final class DuckDbAppenderWriter implements RowWriter {
    private static final Logger log = LoggerFactory.getLogger(DuckDbAppenderWriter.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String STAGE_PREFIX = ".tributary-stage-";
    private static final Pattern STAGE_NAME = Pattern.compile(Pattern.quote(STAGE_PREFIX) + "(\\d+)-[\\d-]+\\.jsonl");
    /** DuckDB's row group; a staging file of fewer rows is not worth a thread of its own (see {@link #stageParts}). */
    static final int ROW_GROUP_ROWS = 122_880;

    static final String CHECKPOINT_THRESHOLD = "256MB";
    /** A statement that keeps failing (e.g. a pre-existing table whose column names differ from the mapping's) is given up. */
    static final int MAX_FAILURES_IN_A_ROW = 3;

    private final Map<String, List<Object[]>> buffered = new LinkedHashMap<>();
    private final Path stageDir;
    private final String stageName;
    private final List<Path> stageFiles = new ArrayList<>();
    /** DuckDB's {@code threads} setting of the configured connection: the most staging files one batch is split into. */
    private int threads = 1;
    private boolean passThroughEnabled;
    private int failuresInARow;
    private List<ColumnSpec> passThroughColumns;
    private JsonPassThrough passThrough;
    private Connection configured;
    /** Whether a statement ran since the last commit or rollback, so the connection has an open transaction. */
    private boolean inTransaction;

    /**
     * @param stageDir    where the pass-through staging file goes (the database's folder)
     * @param passThrough whether to use the pass-through path at all (false: exact path only)
     */
    public DuckDbAppenderWriter(Path stageDir, boolean passThrough) {
        this.stageDir = stageDir;
        this.stageName = STAGE_PREFIX + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        this.passThroughEnabled = passThrough;
        deleteStaleStages(stageDir);
    }

    /** Staging files left by processes that died mid-batch (kill -9): their transaction is gone, so are they. */
    private static void deleteStaleStages(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, STAGE_PREFIX + "*.jsonl")) {
            for (Path f : files) {
                Matcher m = STAGE_NAME.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot clean stale staging files in {}", dir, e);
        }
    }

    @Override
    public List<SinkRecord> writeRaw(Connection connection, String table, List<ColumnSpec> columns, List<SinkRecord> records)
            throws SQLException {
        JsonPassThrough form = passThrough(columns);
        if (form == null || records.isEmpty()) {
            return records;
        }
        configure(connection);
        long started = System.nanoTime();
        List<SinkRecord> rest = new ArrayList<>();
        List<Path> staged = new ArrayList<>();
        int admitted = 0;
        try {
            admitted = stage(form, records, rest, staged);
        } catch (IOException e) {
            log.warn("cannot write the staging files {}-*.jsonl ({}); loading the batch through the exact path", stageDir.resolve(stageName),
                    e.getMessage());
            deleteStage();
            return records;
        }
        if (admitted == 0) {
            deleteStage();
            return records;
        }
        long stagedAt = System.nanoTime();
        try (Statement insert = connection.createStatement()) {
            inTransaction = true;
            int loaded = insert.executeUpdate(form.insertSql(table, staged));
            if (loaded != admitted) {
                throw new SQLException("read_json loaded " + loaded + " rows of " + admitted);
            }
        } catch (SQLException e) {
            connection.rollback();
            inTransaction = false;
            if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                log.warn("pass-through load into {} failed {} batches in a row, using the exact path only from now on: {}", table,
                        failuresInARow, firstLine(e.getMessage()));
                passThrough = null;
                passThroughEnabled = false;
            } else {
                log.info("pass-through load into {} failed, loading the batch through the exact path: {}", table, firstLine(e.getMessage()));
            }
            return records;
        } finally {
            deleteStage();
        }
        failuresInARow = 0;
        if (log.isDebugEnabled()) {
            log.debug("pass-through: {} of {} records staged in {} file(s) in {} ms, loaded in {} ms", admitted, records.size(),
                    staged.size(), (stagedAt - started) / 1_000_000, (System.nanoTime() - stagedAt) / 1_000_000);
        }
        return rest;
    }

    /**
     * Writes the records the scan admits, in order, to {@link #stageParts} consecutive staging files (the non-empty ones
     * go to {@code staged}), the others to {@code rest}; returns how many were admitted.
     */
    private int stage(JsonPassThrough form, List<SinkRecord> records, List<SinkRecord> rest, List<Path> staged) throws IOException {
        int parts = stageParts(records.size(), threads);
        int admitted = 0;
        for (int part = 0; part < parts; part++) {
            int from = (int) ((long) records.size() * part / parts);
            int end = (int) ((long) records.size() * (part + 1) / parts);
            Path file = stageFile(part);
            int inFile = 0;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                for (SinkRecord record : records.subList(from, end)) {
                    byte[] value = record.value();
                    if (form.safe(value)) {
                        out.write(value);
                        out.write('\n');
                        inFile++;
                    } else {
                        rest.add(record);
                    }
                }
            }
            if (inFile > 0) {
                staged.add(file);
            }
            admitted += inFile;
        }
        return admitted;
    }

    /**
     * How many staging files a batch of {@code records} is split into (one statement reads them all): one per DuckDB
     * thread, but none smaller than a row group. {@code read_json} parallelises across files far better than within
     * one: 8 statements of 250,000 rows took 3.0-5.4 s from one file each and 1.9-3.6 s from two of 125,000, while
     * files under a row group (2 x 97,000, 4 x 62,500) were no faster than one (README, Performance).
     */
    static int stageParts(int records, int threads) {
        return Math.max(1, Math.min(threads, records / ROW_GROUP_ROWS));
    }

    private Path stageFile(int part) {
        Path file = stageDir.resolve(stageName + "-" + part + ".jsonl");
        if (!stageFiles.contains(file)) {
            stageFiles.add(file);
        }
        return file;
    }

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
        try {
            if (buffered.isEmpty()) {
                return;
            }
            configure(connection);
            if (!inTransaction) {
                // Without an open transaction the appender would commit on its own.
                try (Statement begin = connection.createStatement()) {
                    begin.execute("SELECT 1");
                }
                inTransaction = true;
            }
            long started = System.nanoTime();
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            for (Map.Entry<String, List<Object[]>> e : buffered.entrySet()) {
                try (DuckDBAppender appender = appender(duck, e.getKey())) {
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
            if (log.isDebugEnabled()) {
                log.debug("appended {} rows in {} ms", buffered.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            buffered.clear();
            inTransaction = false; // the sink commits (or rolls back) next
        }
    }

    @Override
    public void discard(Connection connection) {
        buffered.clear();
        inTransaction = false;
        deleteStage();
    }

    private JsonPassThrough passThrough(List<ColumnSpec> columns) {
        if (!passThroughEnabled) {
            return null;
        }
        if (columns != passThroughColumns) {
            passThroughColumns = columns;
            passThrough = JsonPassThrough.of(columns);
        }
        return passThrough;
    }

    private void configure(Connection connection) throws SQLException {
        if (connection == configured) {
            return;
        }
        try (Statement settings = connection.createStatement()) {
            // Each batch adds megabytes to the WAL; DuckDB's default 16 MB threshold would checkpoint after nearly every one.
            settings.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
            try (ResultSet rs = settings.executeQuery("SELECT current_setting('threads')")) {
                threads = rs.next() ? Math.max(1, rs.getInt(1)) : 1;
            }
        }
        connection.commit();
        configured = connection;
        inTransaction = false;
    }

    private static DuckDBAppender appender(DuckDBConnection duck, String table) throws SQLException {
        String[] parts = table.split("\\.");
        return switch (parts.length) {
            case 1 -> duck.createAppender(table);
            case 2 -> duck.createAppender(parts[0], parts[1]);
            default -> duck.createAppender(parts[0], parts[1], parts[2]);
        };
    }

    private void deleteStage() {
        for (Path file : stageFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("cannot delete {}", file, e);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
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
