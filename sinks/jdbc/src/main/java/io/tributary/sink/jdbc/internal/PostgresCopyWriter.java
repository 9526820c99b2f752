package io.tributary.sink.jdbc.internal;

import io.tributary.sink.jdbc.ColumnSpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL's fast path: {@code COPY table (cols) FROM STDIN} in text format through pgjdbc's
 * CopyManager, streamed in 1 MiB chunks, inside the sink's transaction. Text format: tab
 * separated, {@code \N} for NULL, backslash escapes for backslash, tab, newline and CR.
 */
public final class PostgresCopyWriter implements RowWriter {
    private static final int CHUNK = 1 << 20;

    @Override
    public void write(Connection connection, String table, List<ColumnSpec> columns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
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
            out.append(instant); // ISO-8601 in UTC with 'Z', which timestamptz accepts
        } else {
            out.append(value);
        }
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
