package io.tributary.sink.api;

import java.util.Objects;

/** A record a sink could not store, with a reason an operator can act on (e.g. "$.timestamp: not a timestamp: 'abc'"). */
public record RejectedRecord(SinkRecord record, String reason) {
    public RejectedRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }
}
