package io.tributary.broker.internal.group;

/** The states of a classic Kafka group, with the names Kafka's tools show. */
public enum GroupState {
    /** No members; the group may still hold committed offsets. */
    EMPTY("Empty"),
    /** A rebalance started: waiting for every member to (re)send JoinGroup. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** Join answered; waiting for the leader's SyncGroup with the assignment. */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment for the current generation. */
    STABLE("Stable"),
    /** Deleted; a fresh group object replaces it on the next use of its id. */
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }
}
