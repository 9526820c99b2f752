package io.tributary.streams;

/** When the group's committed offsets move forward. */
public enum CommitMode {
    /**
     * A message counts as processed once its stream's iterator has moved past it (the next
     * {@code next()} call on that stream), and processed positions are committed in the background
     * every {@link StreamSettings#autoCommitIntervalMs()}, before a rebalance hands partitions to
     * another member, and at {@link MessageStreams#close()}. At-least-once: after a crash the
     * message being processed, and those since the last commit, are delivered again.
     */
    AUTO_AFTER_PROCESSING,
    /**
     * Nothing is committed until {@link MessageStreams#commit()}, which commits every message the
     * iterators have returned so far. Uncommitted messages are delivered again after a rebalance
     * or restart.
     */
    MANUAL
}
