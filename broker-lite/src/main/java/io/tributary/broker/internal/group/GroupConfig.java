package io.tributary.broker.internal.group;

/**
 * Settings of the group coordinator and of the committed-offsets store (YAML {@code groups:} and
 * {@code offsets:}, see {@code BrokerConfig}).
 *
 * @param minSessionTimeoutMs     smallest session.timeout.ms a member may ask for (group.min.session.timeout.ms)
 * @param maxSessionTimeoutMs     largest session.timeout.ms a member may ask for (group.max.session.timeout.ms)
 * @param initialRebalanceDelayMs how long the first rebalance of an empty group waits for more members
 *                                (group.initial.rebalance.delay.ms)
 * @param offsetsRetentionMs      committed offsets of a group that has been empty this long expire (offsets.retention.minutes)
 * @param offsetsFlushMessages    fsync the offsets log after this many commit records
 * @param offsetsFlushMs          fsync the offsets log when its oldest unflushed commit is this old
 * @param offsetsCompactBytes     compact the offsets log once it has grown by this many bytes since the last compaction
 */
public record GroupConfig(long minSessionTimeoutMs, long maxSessionTimeoutMs, long initialRebalanceDelayMs,
                          long offsetsRetentionMs, long offsetsFlushMessages, long offsetsFlushMs, long offsetsCompactBytes) {

    public static GroupConfig defaults() {
        return new GroupConfig(6_000, 1_800_000, 0, 7L * 24 * 3600 * 1000, Long.MAX_VALUE, Long.MAX_VALUE, 16L << 20);
    }
}
