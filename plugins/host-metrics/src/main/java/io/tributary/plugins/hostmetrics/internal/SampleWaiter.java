package io.tributary.plugins.hostmetrics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for the next sample time on the source's clock, or until {@link #stop()}. Tests give
 * the source their own implementation that moves a manual clock instead of sleeping.
 */
interface SampleWaiter {
    /**
     * Blocks until {@code deadline}; {@code false} if stopped first. May return {@code true}
     * early when the clock stepped back (the caller then finds the deadline still ahead and
     * re-aligns), so a wall-clock step never stalls sampling for longer than one interval.
     */
    boolean awaitUntil(Instant deadline) throws InterruptedException;

    /** Makes every current and future {@link #awaitUntil} return {@code false}. */
    void stop();

    /**
     * The real one: timed waits on a monitor, measured against {@code clock}; returns early when
     * the deadline is more than {@code maxAhead} away, which only a clock stepped back causes.
     * Thread-safe.
     */
    static SampleWaiter onClock(Clock clock, Duration maxAhead) {
        long maxAheadNanos = maxAhead.toNanos();
        return new SampleWaiter() {
            private boolean stopped;

            @Override
            public synchronized boolean awaitUntil(Instant deadline) throws InterruptedException {
                while (!stopped) {
                    long nanos = Duration.between(clock.instant(), deadline).toNanos();
                    if (nanos <= 0 || nanos > maxAheadNanos) {
                        return true;
                    }
                    wait(Math.max(1, (nanos + 999_999) / 1_000_000));
                }
                return false;
            }

            @Override
            public synchronized void stop() {
                stopped = true;
                notifyAll();
            }
        };
    }
}
