package io.tributary.sink.api;

import java.nio.charset.StandardCharsets;

/**
 * One record as pulled from a topic. {@code value} is the event as produced (the agent produces
 * UTF-8 JSON); {@code key} may be null. {@code timestampMs} is the record's Kafka timestamp.
 * The byte arrays are owned by the record: sinks must not modify them.
 */
public record SinkRecord(String topic, int partition, long offset, long timestampMs, byte[] key, byte[] value) {

    public SinkPartition topicPartition() {
        return new SinkPartition(topic, partition);
    }

    /** Size counted against batch limits: key + value bytes. */
    public int sizeBytes() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
