package io.tributary.sink.jdbc.internal;

import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.mapping.ColumnSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Stages rows into a table on an open transaction (auto-commit off); the sink commits. One
 * implementation per load path: PostgreSQL COPY, JDBC batches, DuckDB appender.
 *
 * <p>{@code rows} can be iterated once: they are extracted from the records as the writer consumes
 * them, so extraction overlaps with the database loading the rows already sent.
 *
 * <p>Order of calls for one batch: {@code writeRaw} (the mapped table only), {@code write} (once
 * per table), {@code flush}, then the sink stages offsets and commits; on failure {@code discard}
 * after the rollback. A writer may do all its work in {@code write} (rows go into the open
 * transaction) or buffer and do it in {@code flush}.
 */
public interface RowWriter {
    /**
     * Optional pass-through: loads the records the database can map by itself straight from their
     * raw values, inside the open transaction, and returns the others, which the sink extracts in
     * Java (rows, rejects) and hands to {@link #write}. A record may only be loaded here if the
     * exact path would store the very same row for it. By default nothing is loaded here.
     */
    default List<SinkRecord> writeRaw(Connection connection, String table, List<ColumnSpec> columns, List<SinkRecord> records)
            throws SQLException {
        return records;
    }

    void write(Connection connection, String table, List<ColumnSpec> columns, Iterable<Object[]> rows) throws SQLException;

    /** Last chance to move buffered rows into the open transaction, before offsets are staged. */
    default void flush(Connection connection) throws SQLException {
    }

    /** After a rollback: forget anything buffered or staged outside the transaction. Must not throw. */
    default void discard(Connection connection) {
    }
}
