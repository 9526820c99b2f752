package io.tributary.plugins.hostmetrics.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Sample times aligned to whole multiples of the interval since the epoch (a 10s interval
 * samples at :00, :10, :20, ...), so samples from many hosts line up in the warehouse, as
 * Telegraf's {@code round_interval} does. Immutable.
 */
final class IntervalSchedule {
    private final long intervalNanos;

    IntervalSchedule(Duration interval) {
        this.intervalNanos = interval.toNanos();
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be > 0, got " + interval);
        }
    }

    /**
     * The first sample time strictly after {@code now}. A sampler that fell behind (a slow
     * sample, a blocked pipeline) thus skips the times it missed instead of catching up in a burst.
     */
    Instant nextAfter(Instant now) {
        // Epoch nanoseconds fit a long until the year 2262.
        long epochNanos = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        long intoInterval = Math.floorMod(epochNanos, intervalNanos);
        return now.minusNanos(intoInterval).plusNanos(intervalNanos);
    }
}
