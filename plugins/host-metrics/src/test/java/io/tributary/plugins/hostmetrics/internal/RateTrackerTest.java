package io.tributary.plugins.hostmetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RateTrackerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void firstReadingHasNoRateThenRatesArePerSecond() {
        RateTracker tracker = new RateTracker();
        assertThat(tracker.rates("eth0", 10 * SECOND, 1_000, 50)).isNull();
        double[] rates = tracker.rates("eth0", 12 * SECOND, 5_000, 50);
        assertThat(rates).containsExactly(2_000.0, 0.0);
    }

    @Test
    void counterThatWentDownGivesNoRateAndRestartsFromTheNewValue() {
        RateTracker tracker = new RateTracker();
        tracker.rates("eth0", 0, 1_000_000, 10);
        double[] afterReset = tracker.rates("eth0", SECOND, 100, 20);
        assertThat(afterReset[0]).isNaN();
        assertThat(afterReset[1]).isEqualTo(10.0);
        assertThat(tracker.rates("eth0", 2 * SECOND, 400, 20)).containsExactly(300.0, 0.0);
    }

    @Test
    void noElapsedTimeGivesNoRate() {
        RateTracker tracker = new RateTracker();
        tracker.rates("sda", SECOND, 1);
        assertThat(tracker.rates("sda", SECOND, 2)).isNull();
    }

    @Test
    void instancesAreIndependentAndForgottenWhenGone() {
        RateTracker tracker = new RateTracker();
        tracker.rates("a", 0, 1);
        tracker.rates("b", 0, 1);
        tracker.retainOnly(Set.of("b"));
        assertThat(tracker.size()).isEqualTo(1);
        assertThat(tracker.rates("a", SECOND, 5)).as("a starts anew").isNull();
        assertThat(tracker.rates("b", SECOND, 5)).containsExactly(4.0);
    }
}
