package io.tributary.sink.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.sink.api.SinkConfig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Keys of the {@code files} sink.
 *
 * @param path       {@code path}, required: root folder; files go to {@code <path>/<topic>/dt=YYYY-MM-DD/hour=HH/}
 * @param format     {@code format}, default jsonl-gzip (the only format so far: one JSON object per line, gzip)
 * @param timeSource {@code time-source}, default event: which time picks the dt/hour folder: {@code event} (the event's
 *                   {@code $.timestamp}, ISO-8601 or epoch milliseconds; the record's Kafka timestamp when absent) or
 *                   {@code record} (the Kafka timestamp)
 */
public record FilesSinkConfig(@JsonProperty("path") Path path,
                              @JsonProperty("format") String format,
                              @JsonProperty("time-source") String timeSource) implements SinkConfig {
    public FilesSinkConfig {
        format = Objects.requireNonNullElse(format, "jsonl-gzip");
        timeSource = Objects.requireNonNullElse(timeSource, "event");
    }

    @Override
    public void validate() {
        if (path == null) {
            throw new IllegalArgumentException("path: is required (the root folder of the files)");
        }
        if (format.equals("parquet")) {
            throw new IllegalArgumentException("format: parquet is not available yet (jsonl-gzip is)");
        }
        if (!format.equals("jsonl-gzip")) {
            throw new IllegalArgumentException("format: must be jsonl-gzip, got '" + format + "'");
        }
        if (!timeSource.equals("event") && !timeSource.equals("record")) {
            throw new IllegalArgumentException("time-source: must be event or record, got '" + timeSource + "'");
        }
    }

    public boolean eventTime() {
        return timeSource.equals("event");
    }
}
