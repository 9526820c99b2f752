package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How long the tail loop sleeps when nothing was read: the CPU a quiet host pays against the latency of a new line. */
class TailerIdleWaitTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL = 250 * MS;

    @Test
    void aFileThatHadDataRecentlyIsPolledAtThePollInterval() {
        long now = 100 * S;
        assertThat(Tailer.idleWaitNanos(now, now - 4 * S, now + 10 * S, POLL)).isEqualTo(POLL);
    }

    @Test
    void afterFiveQuietSecondsTheLoopBacksOffToASecond() {
        long now = 100 * S;
        assertThat(Tailer.idleWaitNanos(now, now - 5 * S, now + 10 * S, POLL)).isEqualTo(Tailer.IDLE_POLL_NANOS);
        assertThat(Tailer.idleWaitNanos(now, now - 60 * S, now + 10 * S, POLL)).isEqualTo(S);
    }

    @Test
    void aPollIntervalLongerThanTheBackoffIsKept() {
        long now = 100 * S;
        assertThat(Tailer.idleWaitNanos(now, now - 60 * S, now + 10 * S, 3 * S)).isEqualTo(3 * S);
    }

    @Test
    void theNextScanIsNeverMissedAndTheLoopNeverSpins() {
        long now = 100 * S;
        assertThat(Tailer.idleWaitNanos(now, now - 60 * S, now + 300 * MS, POLL)).isEqualTo(300 * MS);
        assertThat(Tailer.idleWaitNanos(now, now, now - S, POLL)).isEqualTo(MS);
    }

    @Test
    void aWatchNotificationBringsTheScanForwardButNotCloserThanTwentyMillisecondsToTheLastOne() {
        long lastScan = 100 * S;
        long nextScan = lastScan + S;
        assertThat(Tailer.watchedScan(nextScan, lastScan)).isEqualTo(lastScan + Tailer.WATCH_SCAN_GAP_NANOS);
        assertThat(Tailer.WATCH_SCAN_GAP_NANOS).isEqualTo(20 * MS);
        // a scan already due sooner than that stays where it is
        assertThat(Tailer.watchedScan(lastScan + 5 * MS, lastScan)).isEqualTo(lastScan + 5 * MS);
    }
}
