package io.tributary.sink.jdbc.internal;

import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL's fast path: {@code COPY table (cols) FROM STDIN} through pgjdbc's CopyManager,
 * streamed in 1 MiB chunks, inside the sink's transaction. Binary format
 * ({@link PostgresBinaryRows}) when the table's column types are the mapping's (tables the sink
 * created), else text format: tab separated, {@code \N} for NULL, backslash escapes for
 * backslash, tab, newline and CR. Not thread-safe.
 */
public final class PostgresCopyWriter implements RowWriter {
    private static final int CHUNK = 1 << 20;

    /** Per table: whether its column types are exactly the mapping's, so the binary format applies. */
    private final Map<String, Boolean> binaryByTable = new HashMap<>();

    @Override
    public void write(Connection connection, String table, List<ColumnSpec> columns, Iterable<Object[]> rows) throws SQLException {
        Boolean binary = binaryByTable.get(table);
        if (binary == null) {
            binary = typesMatch(connection, table, columns);
            binaryByTable.put(table, binary);
        }
        if (binary) {
            writeBinary(connection, table, columns, rows);
        } else {
            writeText(connection, table, columns, rows);
        }
    }

    /**
     * Binary COPY needs each column's binary format to be the one the value is encoded in: true
     * when the table has exactly the types this sink creates (always, for tables it created).
     */
    private static boolean typesMatch(Connection connection, String table, List<ColumnSpec> columns) throws SQLException {
        String sql = "SELECT " + columns.stream().map(ColumnSpec::name).collect(Collectors.joining(", ")) + " FROM " + table + " LIMIT 0";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 0; i < columns.size(); i++) {
                String expected = switch (columns.get(i).type()) {
                    case STRING -> "text";
                    case LONG -> "int8";
                    case INT -> "int4";
                    case DOUBLE -> "float8";
                    case BOOLEAN -> "bool";
                    case TIMESTAMP -> "timestamptz";
                    case JSON -> "jsonb";
                };
                if (!expected.equals(meta.getColumnTypeName(i + 1))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void writeBinary(Connection connection, String table, List<ColumnSpec> columns, Iterable<Object[]> rows) throws SQLException {
        String sql = "COPY " + table + " (" + columns.stream().map(ColumnSpec::name).collect(Collectors.joining(", ")) + ") FROM STDIN (FORMAT binary)";
        PostgresBinaryRows encoder = new PostgresBinaryRows(columns.stream().map(ColumnSpec::type).toArray(ColumnType[]::new));
        PostgresBinaryRows.Buffer buffer = encoder.buffer();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            buffer.write(PostgresBinaryRows.HEADER, 0, PostgresBinaryRows.HEADER.length);
            for (Object[] row : rows) {
                encoder.append(row);
                if (buffer.size() >= CHUNK) {
                    copy.writeToCopy(buffer.array(), 0, buffer.size());
                    buffer.reset();
                }
            }
            buffer.write(PostgresBinaryRows.TRAILER, 0, PostgresBinaryRows.TRAILER.length);
            copy.writeToCopy(buffer.array(), 0, buffer.size());
            copy.endCopy();
        } catch (ArithmeticException e) {
            throw new SQLException("timestamp out of PostgreSQL's range", "22008", e);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void writeText(Connection connection, String table, List<ColumnSpec> columns, Iterable<Object[]> rows) throws SQLException {
        String sql = "COPY " + table + " (" + columns.stream().map(ColumnSpec::name).collect(Collectors.joining(", ")) + ") FROM STDIN";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(CHUNK + 4096);
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    appendValue(text, row[i]);
                }
                text.append('\n');
                if (text.length() >= CHUNK) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String s) {
            appendEscaped(out, s);
        } else if (value instanceof Instant instant) {
            appendUtc(out, instant);
        } else {
            out.append(value);
        }
    }

    /** ISO-8601 in UTC, {@code yyyy-MM-ddTHH:mm:ss.ffffff+00}, which timestamptz reads; by hand, as it runs per row. */
    static void appendUtc(StringBuilder out, Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            out.append(instant); // outside four-digit years: the general formatter
            return;
        }
        out.append(year).append('-');
        two(out, t.getMonthValue());
        out.append('-');
        two(out, t.getDayOfMonth());
        out.append('T');
        two(out, t.getHour());
        out.append(':');
        two(out, t.getMinute());
        out.append(':');
        two(out, t.getSecond());
        int micros = instant.getNano() / 1000;
        if (micros != 0) {
            out.append('.');
            String digits = Integer.toString(micros + 1_000_000);
            out.append(digits, 1, 7);
        }
        out.append("+00");
    }

    private static void two(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void appendEscaped(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
