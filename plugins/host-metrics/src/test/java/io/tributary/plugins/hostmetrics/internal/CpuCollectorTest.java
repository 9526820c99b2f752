package io.tributary.plugins.hostmetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuCollectorTest {
    // Tick order: user, nice, system, idle, iowait, irq, softirq, steal.
    @Test
    void fractionsAreSharesOfTheTicksThatElapsed() {
        long[] before = {100, 0, 50, 1000, 10, 0, 0, 0};
        long[] now = {160, 0, 60, 1100, 20, 5, 5, 10};   // 200 ticks elapsed
        Map<String, Object> f = CpuCollector.fractions(before, now);
        assertThat((double) f.get("user")).isCloseTo(0.30, within(1e-9));
        assertThat((double) f.get("system")).isCloseTo(0.05, within(1e-9));
        assertThat((double) f.get("idle")).isCloseTo(0.50, within(1e-9));
        assertThat((double) f.get("iowait")).isCloseTo(0.05, within(1e-9));
        assertThat((double) f.get("steal")).isCloseTo(0.05, within(1e-9));
        assertThat((double) f.get("usage")).as("all but idle and iowait").isCloseTo(0.45, within(1e-9));
        assertThat(f.keySet()).containsExactly("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal",
                "usage");
    }

    @Test
    void noBaselineOrNoElapsedTicksGiveNothing() {
        long[] ticks = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(CpuCollector.fractions(null, ticks)).isEmpty();
        assertThat(CpuCollector.fractions(ticks, ticks.clone())).isEmpty();
    }

    @Test
    void aCounterGoingBackwardsCountsAsZeroNotNegative() {
        long[] before = {100, 0, 0, 100, 0, 0, 0, 0};
        long[] now = {90, 0, 0, 200, 0, 0, 0, 0};
        Map<String, Object> f = CpuCollector.fractions(before, now);
        assertThat((double) f.get("user")).isZero();
        assertThat((double) f.get("idle")).isEqualTo(1.0);
    }
}
