package io.tributary.sink.jdbc.internal;

import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;

import java.util.List;
import java.util.stream.Collectors;

/** SQL type names and DDL per database. Identifiers are validated plain names, used unquoted. */
public enum Dialect {
    POSTGRES("text", "bigint", "integer", "double precision", "boolean", "timestamptz", "jsonb"),
    MARIADB("LONGTEXT", "BIGINT", "INT", "DOUBLE", "BOOLEAN", "DATETIME(6)", "JSON"),
    DUCKDB("VARCHAR", "BIGINT", "INTEGER", "DOUBLE", "BOOLEAN", "TIMESTAMPTZ", "JSON"),
    /** ANSI-ish fallback for other databases. */
    GENERIC("VARCHAR(4000)", "BIGINT", "INTEGER", "DOUBLE PRECISION", "BOOLEAN", "TIMESTAMP", "VARCHAR(4000)");

    private final String[] types;

    Dialect(String... types) {
        this.types = types;
    }

    public static Dialect forUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        if (url.startsWith("jdbc:duckdb:")) {
            return DUCKDB;
        }
        return GENERIC;
    }

    public String typeName(ColumnType type) {
        return types[type.ordinal()];
    }

    public String createTable(String table, List<ColumnSpec> columns) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
                + columns.stream().map(c -> c.name() + " " + typeName(c.type()) + (c.required() ? " NOT NULL" : ""))
                .collect(Collectors.joining(", ")) + ")";
    }

    public String createRejectsTable(String table) {
        String text = typeName(ColumnType.STRING);
        return "CREATE TABLE IF NOT EXISTS " + table + " (topic VARCHAR(249) NOT NULL, partition_id INTEGER NOT NULL, "
                + "kafka_offset BIGINT NOT NULL, reason " + text + " NOT NULL, raw " + text + ", rejected_at "
                + typeName(ColumnType.TIMESTAMP) + " NOT NULL)";
    }

    public String createOffsetsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (sink VARCHAR(200) NOT NULL, topic VARCHAR(249) NOT NULL, "
                + "partition_id INTEGER NOT NULL, next_offset BIGINT NOT NULL, PRIMARY KEY (sink, topic, partition_id))";
    }
}
