package io.tributary.sink.runner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Retries of a batch after a {@link io.tributary.sink.api.RetriableSinkException}: exponential
 * backoff from {@code retry.initial-backoff-ms} (default 200) doubling up to
 * {@code retry.max-backoff-ms} (default 30000); {@code retry.max-attempts} (default 0 = retry
 * until the destination is back, as a database outage should not lose the load) then stops the sink.
 */
public record RetrySettings(long initialBackoffMs, long maxBackoffMs, int maxAttempts) {
    public static final RetrySettings DEFAULTS = new RetrySettings(200, 30_000, 0);

    @JsonCreator
    public static RetrySettings of(@JsonProperty("initial-backoff-ms") Long initialBackoffMs,
                                   @JsonProperty("max-backoff-ms") Long maxBackoffMs,
                                   @JsonProperty("max-attempts") Integer maxAttempts) {
        return new RetrySettings(initialBackoffMs == null ? DEFAULTS.initialBackoffMs : initialBackoffMs,
                maxBackoffMs == null ? DEFAULTS.maxBackoffMs : maxBackoffMs,
                maxAttempts == null ? DEFAULTS.maxAttempts : maxAttempts);
    }

    /** Backoff before attempt {@code attempt} (1 = first retry). */
    public long backoffMs(int attempt) {
        long backoff = initialBackoffMs << Math.min(attempt - 1, 20);
        return Math.min(backoff, maxBackoffMs);
    }

    void validate(String path) {
        ConfigChecks.require(initialBackoffMs >= 1, path + ".initial-backoff-ms", "must be >= 1, got " + initialBackoffMs);
        ConfigChecks.require(maxBackoffMs >= initialBackoffMs, path + ".max-backoff-ms", "must be >= initial-backoff-ms");
        ConfigChecks.require(maxAttempts >= 0, path + ".max-attempts", "must be >= 0 (0 = unlimited), got " + maxAttempts);
    }
}
