package io.tributary.sink.jdbc.internal;

import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The generic path: one multi-row-capable {@code INSERT ... VALUES (?, ...)} executed as JDBC
 * batches (MariaDB's driver rewrites them into bulk inserts). Timestamps go in as UTC
 * {@link LocalDateTime} where the column type has no zone (MariaDB DATETIME), else as {@link Timestamp}.
 */
public final class BatchInsertWriter implements RowWriter {
    private static final int BATCH = 1000;
    private final boolean timestampsAsUtcLocal;

    public BatchInsertWriter(Dialect dialect) {
        this.timestampsAsUtcLocal = dialect == Dialect.MARIADB;
    }

    @Override
    public void write(Connection connection, String table, List<ColumnSpec> columns, Iterable<Object[]> rows) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + columns.stream().map(ColumnSpec::name).collect(Collectors.joining(", "))
                + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bind(insert, i + 1, columns.get(i).type(), row[i]);
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private void bind(PreparedStatement insert, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            insert.setNull(index, switch (type) {
                case LONG -> Types.BIGINT;
                case INT -> Types.INTEGER;
                case DOUBLE -> Types.DOUBLE;
                case BOOLEAN -> Types.BOOLEAN;
                case TIMESTAMP -> Types.TIMESTAMP;
                default -> Types.VARCHAR;
            });
        } else if (value instanceof Instant instant) {
            if (timestampsAsUtcLocal) {
                insert.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                insert.setTimestamp(index, Timestamp.from(instant));
            }
        } else {
            insert.setObject(index, value);
        }
    }
}
