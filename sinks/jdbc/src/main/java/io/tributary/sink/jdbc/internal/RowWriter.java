package io.tributary.sink.jdbc.internal;

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
 * <p>Order of calls for one batch: {@code write} (once per table), {@code flush}, then the sink
 * stages offsets and commits; on failure {@code discard} after the rollback. A writer may do all
 * its work in {@code write} (rows go into the open transaction) or buffer and do it in
 * {@code flush}.
 */
public interface RowWriter {
    void write(Connection connection, String table, List<ColumnSpec> columns, Iterable<Object[]> rows) throws SQLException;

    /** Last chance to move buffered rows into the open transaction, before offsets are staged. */
    default void flush(Connection connection) throws SQLException {
    }

    /** After a rollback: forget anything buffered or staged outside the transaction. Must not throw. */
    default void discard(Connection connection) {
    }
}
