package io.tributary.sink.jdbc.internal;

import io.tributary.sink.jdbc.ColumnSpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
