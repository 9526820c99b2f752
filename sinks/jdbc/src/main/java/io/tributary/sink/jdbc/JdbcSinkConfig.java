package io.tributary.sink.jdbc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.sink.api.SinkConfig;
import io.tributary.sink.mapping.Mapping;

import java.util.Map;
import java.util.Objects;

/**
 * Keys of the {@code postgres}, {@code jdbc} and {@code duckdb} sinks.
 *
 * @param url            {@code url}, required: JDBC URL ({@code jdbc:postgresql://host:5432/db},
 *                       {@code jdbc:mariadb://host:3306/db}, {@code jdbc:duckdb:data/warehouse.duckdb})
 * @param user           {@code user}, default none (driver default)
 * @param password       {@code password}, default none
 * @param table          {@code table}, required: target table ({@code name} or {@code schema.name}), created if absent
 * @param mapping        {@code mapping}, default log-event: built-in mapping (log-event, metric-event); exclusive with columns
 * @param columns        {@code columns}: custom mapping, {@code name: $.path} or {@code name: {path, type, required}}
 * @param createTable    {@code create-table}, default true: create the table (and the dead-letter table) if absent
 * @param offsetsTable   {@code offsets-table}, default tributary_offsets: where next offsets are stored with the rows
 */
public record JdbcSinkConfig(
        @JsonProperty("url") String url,
        @JsonProperty("user") String user,
        @JsonProperty("password") String password,
        @JsonProperty("table") String table,
        @JsonProperty("mapping") String mapping,
        @JsonProperty("columns") Map<String, Object> columns,
        @JsonProperty("create-table") Boolean createTable,
        @JsonProperty("offsets-table") String offsetsTable) implements SinkConfig {

    public JdbcSinkConfig {
        createTable = Objects.requireNonNullElse(createTable, true);
        offsetsTable = Objects.requireNonNullElse(offsetsTable, "tributary_offsets");
    }

    @Override
    public void validate() {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url: a JDBC URL is required (e.g. jdbc:postgresql://127.0.0.1:5432/warehouse)");
        }
        if (table == null) {
            throw new IllegalArgumentException("table: is required");
        }
        checkTableName("table", table);
        checkTableName("offsets-table", offsetsTable);
        resolvedMapping();
    }

    static void checkTableName(String key, String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(key + ": expected name or schema.name, got '" + name + "'");
        }
        for (String part : parts) {
            Mapping.requireIdentifier(key, part);
        }
    }

    public Mapping resolvedMapping() {
        if (mapping != null && columns != null) {
            throw new IllegalArgumentException("mapping: give either mapping: or columns:, not both");
        }
        return columns != null ? Mapping.fromColumns("columns", columns) : Mapping.builtIn("mapping", mapping == null ? "log-event" : mapping);
    }
}
