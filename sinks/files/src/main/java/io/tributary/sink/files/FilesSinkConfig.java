package io.tributary.sink.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.sink.api.SinkConfig;
import io.tributary.sink.mapping.Mapping;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Keys of the {@code files} sink.
 *
 * @param path       {@code path}, required: root folder; files go to {@code <path>/<topic>/dt=YYYY-MM-DD/hour=HH/}
 * @param format     {@code format}, default jsonl-gzip: {@code jsonl-gzip} (each event as one JSON line, gzip) or
 *                   {@code parquet} (typed columns from {@code mapping} / {@code columns}, GZIP pages)
 * @param timeSource {@code time-source}, default event: which time picks the dt/hour folder: {@code event} (the event's
 *                   {@code $.timestamp}, ISO-8601 or epoch milliseconds; the record's Kafka timestamp when absent) or
 *                   {@code record} (the Kafka timestamp)
 * @param mapping    {@code mapping}, parquet only, default log-event: built-in column mapping (log-event, metric-event),
 *                   the same as the database sinks'; exclusive with columns
 * @param columns    {@code columns}, parquet only: custom mapping, {@code name: $.path} or {@code name: {path, type, required}}
 */
public record FilesSinkConfig(@JsonProperty("path") Path path,
                              @JsonProperty("format") String format,
                              @JsonProperty("time-source") String timeSource,
                              @JsonProperty("mapping") String mapping,
                              @JsonProperty("columns") Map<String, Object> columns) implements SinkConfig {
    public FilesSinkConfig {
        format = Objects.requireNonNullElse(format, "jsonl-gzip");
        timeSource = Objects.requireNonNullElse(timeSource, "event");
    }

    @Override
    public void validate() {
        if (path == null) {
            throw new IllegalArgumentException("path: is required (the root folder of the files)");
        }
        if (!format.equals("jsonl-gzip") && !format.equals("parquet")) {
            throw new IllegalArgumentException("format: must be jsonl-gzip or parquet, got '" + format + "'");
        }
        if (!timeSource.equals("event") && !timeSource.equals("record")) {
            throw new IllegalArgumentException("time-source: must be event or record, got '" + timeSource + "'");
        }
        if (!parquet() && (mapping != null || columns != null)) {
            throw new IllegalArgumentException((mapping != null ? "mapping" : "columns")
                    + ": applies to format: parquet only (jsonl-gzip keeps each event whole)");
        }
        if (parquet()) {
            resolvedMapping();
        }
    }

    public boolean eventTime() {
        return timeSource.equals("event");
    }

    public boolean parquet() {
        return format.equals("parquet");
    }

    /** The columns of a Parquet file: {@code columns:}, else the built-in {@code mapping:} (default log-event). */
    public Mapping resolvedMapping() {
        if (mapping != null && columns != null) {
            throw new IllegalArgumentException("mapping: give either mapping: or columns:, not both");
        }
        return columns != null ? Mapping.fromColumns("columns", columns) : Mapping.builtIn("mapping", mapping == null ? "log-event" : mapping);
    }
}
