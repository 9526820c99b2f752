package io.tributary.broker.internal.group;

/** One committed position of a group in a partition, as OffsetCommit gave it. */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
}
