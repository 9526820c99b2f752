package io.tributary.sink.jdbc.internal;

import io.tributary.sink.jdbc.ColumnSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Stages rows into a table on an open transaction (auto-commit off); the sink commits. One
 * implementation per load path: PostgreSQL COPY, JDBC batches, DuckDB appender.
 */
public interface RowWriter {
    void write(Connection connection, String table, List<ColumnSpec> columns, List<Object[]> rows) throws SQLException;
}
