package io.tributary.agent.internal.spool;

/** One event as kept in the spool: enough to send it later. */
public record SpoolRecord(String topic, byte[] key, byte[] value, long timestampMs) {
}
