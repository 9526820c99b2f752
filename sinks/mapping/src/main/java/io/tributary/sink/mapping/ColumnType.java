package io.tributary.sink.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The column types a mapping can declare ({@code type:} in config, lower case). */
public enum ColumnType {
    /** Text; numbers and booleans are stored as their JSON text, objects as JSON. */
    STRING,
    /** 64-bit integer; integral JSON numbers or digit strings. */
    LONG,
    /** 32-bit integer. */
    INT,
    /** Double precision; JSON numbers or numeric strings. */
    DOUBLE,
    /** JSON true/false or the strings "true"/"false". */
    BOOLEAN,
    /** An instant: ISO-8601 text with offset ({@code 2026-12-01T10:00:00Z}) or epoch milliseconds. Stored in UTC. */
    TIMESTAMP,
    /** Any JSON value, stored as JSON (jsonb on PostgreSQL, JSON on DuckDB/MariaDB). */
    JSON;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColumnType parse(String key, String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": unknown type '" + value + "' (known: "
                    + Arrays.stream(values()).map(ColumnType::configName).collect(Collectors.joining(", ")) + ")");
        }
    }
}
