package io.tributary.agent.internal.pipeline;

/**
 * One event on its way to the broker: topic, key (the host), value (event JSON), and what to do
 * once the broker acknowledged it.
 *
 * @param origin where it came from, which decides what happens if it cannot be delivered
 *               before shutdown: a replayable source re-reads it, a live non-replayable event is
 *               spooled, an event read from the spool is still on disk
 * @param onSent  run only when the broker acknowledged it (not when spooled or refused): its
 *                source's {@code sent} count
 */
public record OutboundRecord(String topic, byte[] key, byte[] value, long timestampMs, Runnable onAck, Origin origin,
                             Runnable onSent) {
    public enum Origin { REPLAYABLE, LIVE, SPOOL }

    private static final Runnable NOTHING = () -> { };

    /** A record whose delivery counts for no source (read back from the spool, tests). */
    public OutboundRecord(String topic, byte[] key, byte[] value, long timestampMs, Runnable onAck, Origin origin) {
        this(topic, key, value, timestampMs, onAck, origin, NOTHING);
    }

    /** Bytes the pipeline accounts for: payload plus a rough per-record overhead. */
    public int weight() {
        return key.length + value.length + topic.length() + 64;
    }
}
