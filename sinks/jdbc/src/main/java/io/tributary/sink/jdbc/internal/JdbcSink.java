package io.tributary.sink.jdbc.internal;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.RejectedRecord;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkContext;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.jdbc.JdbcSinkConfig;
import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;
import io.tributary.sink.mapping.internal.RowExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;

/**
 * An exactly-once database sink: each batch's rows, its rejected records (dead-letter table) and
 * the next offsets ({@link OffsetStore}) are written in one transaction; how rows get in is the
 * {@link RowWriter}'s business (COPY, JDBC batches, appender). A lost connection is a retriable
 * error: the transaction is gone, the runner retries the batch on a new connection.
 * Not thread-safe: the runner calls it from one thread at a time.
 */
public final class JdbcSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(JdbcSink.class);
    /** What PostgreSQL answers the loser of two concurrent {@code CREATE TABLE IF NOT EXISTS}. */
    private static final Set<String> CONCURRENT_CREATE_STATES = Set.of("23505", "42P07", "42710");

    static final List<ColumnSpec> REJECT_COLUMNS = List.of(
            new ColumnSpec("topic", "@topic", ColumnType.STRING, true),
            new ColumnSpec("partition_id", "@partition", ColumnType.INT, true),
            new ColumnSpec("kafka_offset", "@offset", ColumnType.LONG, true),
            new ColumnSpec("reason", "", ColumnType.STRING, true),
            new ColumnSpec("raw", "", ColumnType.STRING, false),
            new ColumnSpec("rejected_at", "", ColumnType.TIMESTAMP, true));

    private final JdbcSinkConfig config;
    private final Dialect dialect;
    private final RowWriter writer;
    private final RowExtractor extractor;
    private final Clock clock;
    private String rejectsTable;
    private OffsetStore offsets;
    private Connection connection;
    private String name;
    /** Next offsets of a commit whose outcome is unknown (the connection broke during COMMIT). */
    private Map<SinkPartition, Long> inDoubt;
    /** The batch being retried was in fact committed: its write and commit are no-ops. */
    private Map<SinkPartition, Long> alreadyCommitted;

    public JdbcSink(JdbcSinkConfig config, Dialect dialect, RowWriter writer, Clock clock) {
        this.config = config;
        this.dialect = dialect;
        this.writer = writer;
        this.extractor = new RowExtractor(config.resolvedMapping());
        this.clock = clock;
    }

    @Override
    public void open(SinkContext context) throws SinkException {
        name = context.name();
        if (context.deadLetter() instanceof DeadLetter.Table t) {
            rejectsTable = t.name();
        } else if (context.deadLetter() instanceof DeadLetter.Default) {
            rejectsTable = config.table() + "_rejects";
        } else {
            rejectsTable = null; // a dead-letter topic: the runner produces them
        }
        offsets = new OffsetStore(config.offsetsTable(), name);
        createTables(connection());
        log.info("sink {}: writing to table {} at {}{}", name, config.table(), redactedUrl(),
                rejectsTable == null ? "" : ", rejects to " + rejectsTable);
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} is not atomic in PostgreSQL: two sink processes of one group
     * starting together can both try to create the table, and the loser fails with a unique
     * violation (SQLSTATE 23505), "relation already exists" (42P07) or "type already exists"
     * (42710, the table's row type). That loser retries: the table exists now.
     */
    private void createTables(Connection c) throws SinkException {
        for (int attempt = 1; ; attempt++) {
            try (Statement ddl = c.createStatement()) {
                if (config.createTable()) {
                    ddl.execute(dialect.createTable(config.table(), extractor.columns()));
                    if (rejectsTable != null) {
                        ddl.execute(dialect.createRejectsTable(rejectsTable));
                    }
                }
                ddl.execute(dialect.createOffsetsTable(config.offsetsTable()));
                c.commit();
                return;
            } catch (SQLException e) {
                rollbackQuietly(c);
                boolean concurrentCreate = CONCURRENT_CREATE_STATES.contains(e.getSQLState());
                if (!concurrentCreate || attempt == 3) {
                    throw SqlErrors.classify("cannot create tables in " + redactedUrl(), e);
                }
                log.debug("sink {}: another process created a table at the same time ({}); checking again", name,
                        e.getMessage());
            }
        }
    }

    @Override
    public boolean storesOffsets() {
        return true;
    }

    @Override
    public Map<SinkPartition, Long> assigned(Set<SinkPartition> partitions) throws SinkException {
        try {
            return offsets.load(connection(), partitions);
        } catch (SQLException e) {
            dropConnectionIfBroken();
            throw SqlErrors.classify("cannot read " + config.offsetsTable(), e);
        }
    }

    @Override
    public List<RejectedRecord> write(List<SinkRecord> records) throws SinkException {
        if (inDoubt != null) {
            resolveInDoubt();
        }
        if (alreadyCommitted != null) {
            return List.of();
        }
        List<RejectedRecord> rejected = new ArrayList<>();
        try {
            Connection c = connection();
            List<SinkRecord> rest = writer.writeRaw(c, config.table(), extractor.columns(), records);
            writer.write(c, config.table(), extractor.columns(), extracting(rest, rejected));
            if (rejectsTable != null && !rejected.isEmpty()) {
                writer.write(c, rejectsTable, REJECT_COLUMNS, rejectRows(rejected));
            }
        } catch (SQLException e) {
            throw SqlErrors.classify("cannot load into " + config.table(), e);
        }
        return rejected;
    }

    /** The rows of the records, extracted while the writer iterates (once); rejects are collected on the way. */
    private Iterable<Object[]> extracting(List<SinkRecord> records, List<RejectedRecord> rejected) {
        return () -> new Iterator<>() {
            private int index;
            private Object[] next;

            @Override
            public boolean hasNext() {
                while (next == null && index < records.size()) {
                    SinkRecord record = records.get(index++);
                    try {
                        next = extractor.extract(record);
                    } catch (RowExtractor.Rejected e) {
                        rejected.add(new RejectedRecord(record, e.getMessage()));
                    }
                }
                return next != null;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] row = next;
                next = null;
                return row;
            }
        };
    }

    private List<Object[]> rejectRows(List<RejectedRecord> rejected) {
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>(rejected.size());
        for (RejectedRecord r : rejected) {
            SinkRecord record = r.record();
            String raw = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8).replace('\0', '\uFFFD');
            rows.add(new Object[]{record.topic(), record.partition(), record.offset(), r.reason(), raw, now});
        }
        return rows;
    }

    @Override
    public void commit(Map<SinkPartition, Long> nextOffsets) throws SinkException {
        if (alreadyCommitted != null) {
            boolean same = alreadyCommitted.equals(nextOffsets);
            alreadyCommitted = null;
            if (same) {
                offsets.committed(nextOffsets);
                return;
            }
            throw new SinkException("a retried batch differs from the one committed before the connection broke");
        }
        Connection c;
        try {
            c = connection();
            writer.flush(c);
            offsets.stage(c, nextOffsets);
        } catch (SQLException e) {
            throw SqlErrors.classify("cannot commit into " + config.table(), e);
        }
        try {
            c.commit();
        } catch (SQLException e) {
            // The server may have committed before the connection broke: find out before retrying.
            inDoubt = Map.copyOf(nextOffsets);
            throw SqlErrors.classify("commit into " + config.table() + " interrupted (outcome checked before the retry)", e);
        }
        offsets.committed(nextOffsets);
    }

    /**
     * After a COMMIT whose outcome is unknown: the stored offsets tell. The new ones mean it
     * committed (the retry of that batch becomes a no-op); the old ones mean it rolled back (the
     * retry writes it again); anything else means another writer moved them.
     */
    private void resolveInDoubt() throws SinkException {
        Map<SinkPartition, Long> stored;
        try {
            stored = offsets.read(connection(), inDoubt.keySet());
        } catch (SQLException e) {
            dropConnectionIfBroken();
            throw SqlErrors.classify("cannot check the outcome of the interrupted commit in " + config.offsetsTable(), e);
        }
        Map<SinkPartition, Long> before = offsets.known(inDoubt.keySet());
        if (stored.equals(inDoubt)) {
            log.info("sink {}: the interrupted commit had succeeded; not writing that batch again", name);
            alreadyCommitted = inDoubt;
        } else if (!stored.equals(before)) {
            SinkPartition moved = inDoubt.keySet().stream().filter(p -> !java.util.Objects.equals(stored.get(p), before.get(p)))
                    .findFirst().orElseThrow();
            inDoubt = null;
            throw offsets.fenced(moved);
        }
        inDoubt = null;
    }

    @Override
    public void abort() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed", e);
        }
        writer.discard(connection);
        dropConnectionIfBroken();
    }

    @Override
    public void revoked(Set<SinkPartition> partitions) {
        offsets.forget(partitions);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException e) {
                log.debug("close failed", e);
            }
            connection = null;
        }
    }

    private Connection connection() throws SinkException {
        if (connection == null) {
            Properties props = new Properties();
            if (config.user() != null) {
                props.setProperty("user", config.user());
            }
            if (config.password() != null) {
                props.setProperty("password", config.password());
            }
            try {
                Connection c = DriverManager.getConnection(config.url(), props);
                c.setAutoCommit(false);
                connection = c;
            } catch (SQLException e) {
                throw SqlErrors.classify("cannot connect to " + redactedUrl(), e);
            }
        }
        return connection;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed", e);
        }
    }

    private void dropConnectionIfBroken() {
        try {
            if (connection != null && !connection.isValid(5)) {
                connection.close();
                connection = null;
            }
        } catch (SQLException e) {
            connection = null;
        }
    }

    private String redactedUrl() {
        return config.url().replaceAll("password=[^&;]*", "password=***");
    }
}
