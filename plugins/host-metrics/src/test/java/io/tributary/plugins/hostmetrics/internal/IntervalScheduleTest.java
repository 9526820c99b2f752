package io.tributary.plugins.hostmetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalScheduleTest {
    @Test
    void sampleTimesAreWholeMultiplesOfTheInterval() {
        IntervalSchedule tenSeconds = new IntervalSchedule(Duration.ofSeconds(10));
        assertThat(tenSeconds.nextAfter(Instant.parse("2026-12-01T12:00:03.500Z")))
                .isEqualTo(Instant.parse("2026-12-01T12:00:10Z"));
        assertThat(tenSeconds.nextAfter(Instant.parse("2026-12-01T12:00:10Z")))
                .as("strictly after").isEqualTo(Instant.parse("2026-12-01T12:00:20Z"));
        assertThat(tenSeconds.nextAfter(Instant.parse("2026-12-01T12:00:59.999999999Z")))
                .isEqualTo(Instant.parse("2026-12-01T12:01:00Z"));
        IntervalSchedule oneMinute = new IntervalSchedule(Duration.ofMinutes(1));
        assertThat(oneMinute.nextAfter(Instant.parse("2026-12-01T12:00:03Z")))
                .isEqualTo(Instant.parse("2026-12-01T12:01:00Z"));
    }

    @Test
    void worksBeforeTheEpochToo() {
        IntervalSchedule tenSeconds = new IntervalSchedule(Duration.ofSeconds(10));
        assertThat(tenSeconds.nextAfter(Instant.parse("1969-12-31T23:59:55Z")))
                .isEqualTo(Instant.parse("1970-01-01T00:00:00Z"));
    }
}
