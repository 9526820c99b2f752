package io.tributary.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One message of a {@link MessageStream}: where it is in the log and what it carries.
 * Key and value are the bytes as produced ({@code null} when absent); the arrays belong to the
 * message and must not be modified.
 *
 * @param timestamp the record's timestamp in epoch milliseconds (create or log-append time, as the topic says)
 */
public record Message(String topic, int partition, long offset, byte[] key, byte[] value, List<Header> headers,
                      long timestamp) {

    /** A record header; Kafka allows repeated keys, so headers are a list in their produced order. */
    public record Header(String key, byte[] value) {
    }

    /** The value decoded as UTF-8, or null. */
    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The key decoded as UTF-8, or null. */
    public String keyAsString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Message[" + topic + "-" + partition + "@" + offset + "]";
    }
}
