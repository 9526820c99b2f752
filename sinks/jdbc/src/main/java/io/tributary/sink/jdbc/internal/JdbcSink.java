package io.tributary.sink.jdbc.internal;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.RejectedRecord;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkContext;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.jdbc.ColumnSpec;
import io.tributary.sink.jdbc.ColumnType;
import io.tributary.sink.jdbc.JdbcSinkConfig;
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
import java.util.List;
import java.util.Map;
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
        Connection c = connection();
        try (Statement ddl = c.createStatement()) {
            if (config.createTable()) {
                ddl.execute(dialect.createTable(config.table(), extractor.columns()));
                if (rejectsTable != null) {
                    ddl.execute(dialect.createRejectsTable(rejectsTable));
                }
            }
            ddl.execute(dialect.createOffsetsTable(config.offsetsTable()));
            c.commit();
        } catch (SQLException e) {
            throw SqlErrors.classify("cannot create tables in " + redactedUrl(), e);
        }
        log.info("sink {}: writing to table {} at {}{}", name, config.table(), redactedUrl(),
                rejectsTable == null ? "" : ", rejects to " + rejectsTable);
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
        List<Object[]> rows = new ArrayList<>(records.size());
        List<RejectedRecord> rejected = new ArrayList<>();
        for (SinkRecord record : records) {
            try {
                rows.add(extractor.extract(record));
            } catch (RowExtractor.Rejected e) {
                rejected.add(new RejectedRecord(record, e.getMessage()));
            }
        }
        try {
            Connection c = connection();
            writer.write(c, config.table(), extractor.columns(), rows);
            if (rejectsTable != null && !rejected.isEmpty()) {
                writer.write(c, rejectsTable, REJECT_COLUMNS, rejectRows(rejected));
            }
        } catch (SQLException e) {
            throw SqlErrors.classify("cannot load into " + config.table(), e);
        }
        return rejected;
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
        try {
            Connection c = connection();
            writer.flush(c);
            offsets.stage(c, nextOffsets);
            c.commit();
            offsets.committed(nextOffsets);
        } catch (SQLException e) {
            throw SqlErrors.classify("cannot commit into " + config.table(), e);
        }
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
