package io.tributary.sink.runner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When the runner hands a batch to the sink and commits it: whichever limit is reached first.
 * While the sink writes one batch the runner fetches the next, so up to two batches are in memory.
 *
 * @param maxRecords {@code batch.max-records}, default 50000: records per commit
 * @param maxBytes   {@code batch.max-bytes}, default 32 MiB: key + value bytes per commit
 * @param maxWaitMs  {@code batch.max-wait-ms}, default 1000: how long the first record of a batch waits
 */
public record BatchSettings(int maxRecords, long maxBytes, long maxWaitMs) {
    public static final BatchSettings DEFAULTS = new BatchSettings(50_000, 32L << 20, 1000);

    @JsonCreator
    public static BatchSettings of(@JsonProperty("max-records") Integer maxRecords,
                                   @JsonProperty("max-bytes") Long maxBytes,
                                   @JsonProperty("max-wait-ms") Long maxWaitMs) {
        return new BatchSettings(maxRecords == null ? DEFAULTS.maxRecords : maxRecords,
                maxBytes == null ? DEFAULTS.maxBytes : maxBytes,
                maxWaitMs == null ? DEFAULTS.maxWaitMs : maxWaitMs);
    }

    void validate(String path) {
        ConfigChecks.require(maxRecords >= 1, path + ".max-records", "must be >= 1, got " + maxRecords);
        ConfigChecks.require(maxBytes >= 1024, path + ".max-bytes", "must be >= 1024, got " + maxBytes);
        ConfigChecks.require(maxWaitMs >= 1, path + ".max-wait-ms", "must be >= 1, got " + maxWaitMs);
    }
}
