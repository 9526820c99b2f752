package io.tributary.plugins.hostmetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.testkit.ManualClock;
import io.tributary.plugin.api.testkit.RecordingEmitter;
import io.tributary.plugin.api.testkit.TestSourceContext;
import io.tributary.plugins.hostmetrics.HostMetricsConfig;
import io.tributary.plugins.hostmetrics.MetricGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The sampling loop on a manual clock: no real time passes, so every timestamp is exact. */
class HostMetricsSourceScheduleTest {
    @TempDir
    Path dir;

    /** Moves the manual clock to each deadline instead of sleeping; says "stopped" after {@code waits} waits. */
    private static final class ManualWaiter implements SampleWaiter {
        private final ManualClock clock;
        private int waitsLeft;
        private volatile boolean stopped;

        ManualWaiter(ManualClock clock, int waits) {
            this.clock = clock;
            this.waitsLeft = waits;
        }

        @Override
        public boolean awaitUntil(Instant deadline) {
            if (stopped || waitsLeft-- == 0) {
                return false;
            }
            if (clock.instant().isBefore(deadline)) {
                clock.set(deadline);
            }
            return true;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** A memory "collector" whose n-th call takes the given (manual) time. */
    private static final class TimedCollector implements Collector {
        private final ManualClock clock;
        private final Deque<Duration> durations;
        int calls;

        TimedCollector(ManualClock clock, List<Duration> durations) {
            this.clock = clock;
            this.durations = new ArrayDeque<>(durations);
        }

        @Override
        public MetricGroup group() {
            return MetricGroup.MEMORY;
        }

        @Override
        public boolean collect(long nanos, List<Sample> out) {
            calls++;
            clock.advance(durations.isEmpty() ? Duration.ZERO : durations.removeFirst());
            out.add(new Sample(MetricGroup.MEMORY, Map.of(), Map.of("used_bytes", (long) calls)));
            return true;
        }
    }

    @Test
    void samplesAtAlignedTimesAndSkipsTimesMissedBySlowSamples() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:03.500Z"));
        // Baseline, then three samples: quick, 25 s (misses :30 and :40), quick.
        TimedCollector collector = new TimedCollector(clock, List.of(Duration.ZERO, Duration.ofMillis(200),
                Duration.ofSeconds(25), Duration.ZERO));
        RecordingEmitter emitter = RecordingEmitter.autoAck();
        TestSourceContext ctx = TestSourceContext.builder(dir).clock(clock).emitter(emitter)
                .host("web-1").sourceId("metrics").build();
        HostSampler sampler = new HostSampler(List.of(collector), 6, System::nanoTime,
                LoggerFactory.getLogger("test"));
        HostMetricsSource source = new HostMetricsSource(HostMetricsConfig.defaults(), ctx, () -> sampler,
                new ManualWaiter(clock, 3));

        source.start();
        List<Event> events = emitter.awaitEvents(3, Duration.ofSeconds(10));
        source.stop();

        assertThat(events).extracting(Event::timestamp).containsExactly(
                Instant.parse("2026-12-01T12:00:10Z"),
                Instant.parse("2026-12-01T12:00:20Z"),
                Instant.parse("2026-12-01T12:00:50Z"));
        assertThat(collector.calls).as("baseline + 3 samples").isEqualTo(4);
        assertThat(events).extracting(e -> e.fields().get("used_bytes")).containsExactly(2L, 3L, 4L);
        Event first = events.get(0);
        assertThat(first.host()).isEqualTo("web-1");
        assertThat(first.sourceId()).isEqualTo("metrics");
        assertThat(first.attributes()).containsExactly(Map.entry("metric", "memory"));
        assertThat(emitter.emitted()).allSatisfy(e -> assertThat(e.position()).as("not replayable").isNull());
        assertThat(source.replayable()).isFalse();
    }

    @Test
    void aClockSteppedBackRealignsTheSampleTimes() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:03Z"));
        TimedCollector collector = new TimedCollector(clock, List.of());
        RecordingEmitter emitter = RecordingEmitter.autoAck();
        TestSourceContext ctx = TestSourceContext.builder(dir).clock(clock).emitter(emitter).build();
        ManualWaiter manual = new ManualWaiter(clock, 2);
        boolean[] stepped = {false};
        SampleWaiter steppingBack = new SampleWaiter() {
            @Override
            public boolean awaitUntil(Instant deadline) {
                if (!stepped[0]) {
                    // While waiting for 12:00:10 the clock is set back an hour, as the real waiter reports it.
                    stepped[0] = true;
                    clock.set(Instant.parse("2026-12-01T11:00:04Z"));
                    return true;
                }
                return manual.awaitUntil(deadline);
            }

            @Override
            public void stop() {
                manual.stop();
            }
        };
        HostMetricsSource source = new HostMetricsSource(HostMetricsConfig.defaults(), ctx,
                () -> new HostSampler(List.of(collector), 6, System::nanoTime, LoggerFactory.getLogger("test")),
                steppingBack);
        source.start();
        List<Event> events = emitter.awaitEvents(2, Duration.ofSeconds(10));
        source.stop();
        assertThat(events).extracting(Event::timestamp).containsExactly(
                Instant.parse("2026-12-01T11:00:10Z"), Instant.parse("2026-12-01T11:00:20Z"));
    }

    @Test
    void theFirstSampleIsNotTakenRightAfterTheBaseline() throws Exception {
        // Started 400 ms before a boundary: OSHI would still hand out the baseline's memoized CPU ticks
        // (300 ms), so the first sample is the boundary after.
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:09.600Z"));
        TimedCollector collector = new TimedCollector(clock, List.of());
        RecordingEmitter emitter = RecordingEmitter.autoAck();
        TestSourceContext ctx = TestSourceContext.builder(dir).clock(clock).emitter(emitter).build();
        HostMetricsSource source = new HostMetricsSource(HostMetricsConfig.defaults(), ctx,
                () -> new HostSampler(List.of(collector), 6, System::nanoTime, LoggerFactory.getLogger("test")),
                new ManualWaiter(clock, 1));
        source.start();
        List<Event> events = emitter.awaitEvents(1, Duration.ofSeconds(10));
        source.stop();
        assertThat(events).extracting(Event::timestamp).containsExactly(Instant.parse("2026-12-01T12:00:20Z"));
    }

    @Test
    void theFirstSampleMoreThanAnIntervalAheadIsWaitedForNotTakenForAClockStep() throws Exception {
        // 1 s interval, started at :00.600: the first sample time is :02 (the gap after the baseline passes :01),
        // 1.4 s ahead. The real waiter must wait for it, not take it for a clock stepped back and sample at :01.
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00.600Z"));
        RecordingEmitter emitter = RecordingEmitter.autoAck();
        TestSourceContext ctx = TestSourceContext.builder(dir).clock(clock).emitter(emitter).build();
        HostMetricsConfig memory = new HostMetricsConfig(Duration.ofSeconds(1), List.of(MetricGroup.MEMORY),
                null, null, null, null, null, null, null, null, null, null, null);
        HostMetricsSource source = new HostMetricsSource(memory, ctx); // the real waiter and sampler
        source.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
                    .stream().anyMatch(t -> t.getName().startsWith("tributary-test-source")
                            && t.getState() == Thread.State.TIMED_WAITING));
            clock.set(Instant.parse("2026-12-01T12:00:02Z"));
            List<Event> events = emitter.awaitEvents(1, Duration.ofSeconds(10));
            assertThat(events.get(0).timestamp()).isEqualTo(Instant.parse("2026-12-01T12:00:02Z"));
        } finally {
            source.stop();
        }
    }

    @Test
    void tagsBecomeAttributesAfterTheMetricName() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
        Collector disks = new Collector() {
            @Override
            public MetricGroup group() {
                return MetricGroup.FILESYSTEM;
            }

            @Override
            public boolean collect(long nanos, List<Sample> out) {
                out.add(new Sample(MetricGroup.FILESYSTEM, Map.of("mount", "/", "fstype", "ext4", "device", "/dev/sda1"),
                        Map.of("total_bytes", 100L)));
                return true;
            }
        };
        RecordingEmitter emitter = RecordingEmitter.autoAck();
        TestSourceContext ctx = TestSourceContext.builder(dir).clock(clock).emitter(emitter).build();
        HostMetricsSource source = new HostMetricsSource(HostMetricsConfig.defaults(), ctx,
                () -> new HostSampler(List.of(disks), 6, System::nanoTime, LoggerFactory.getLogger("test")),
                new ManualWaiter(clock, 1));
        source.start();
        Event event = emitter.awaitEvents(1, Duration.ofSeconds(10)).get(0);
        source.stop();
        assertThat(new ArrayList<>(event.attributes().keySet())).containsExactly("metric", "device", "fstype", "mount");
        assertThat(event.attributes()).containsEntry("metric", "filesystem").containsEntry("mount", "/");
    }

    @Test
    void realWaiterReturnsAtTheDeadlineAndAtOnceWhenStopped() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
        SampleWaiter waiter = SampleWaiter.onClock(clock, Duration.ofSeconds(10));
        assertThat(waiter.awaitUntil(clock.instant().minusSeconds(1))).as("deadline passed").isTrue();
        assertThat(waiter.awaitUntil(clock.instant().plus(Duration.ofHours(1))))
                .as("a deadline more than an interval ahead means the clock stepped back: return to re-align")
                .isTrue();

        Thread waiting = new Thread(() -> {
            try {
                waiter.awaitUntil(clock.instant().plus(Duration.ofSeconds(9)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        waiting.start();
        waiter.stop();
        waiting.join(5_000);
        assertThat(waiting.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(waiter.awaitUntil(clock.instant().plusSeconds(10))).as("stopped for good").isFalse();
    }

    @Test
    void aHostOshiCannotReadIsLoggedAndTheSourceStaysQuiet() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
        RecordingEmitter emitter = RecordingEmitter.autoAck();
        TestSourceContext ctx = TestSourceContext.builder(dir).clock(clock).emitter(emitter).build();
        HostMetricsSource source = new HostMetricsSource(HostMetricsConfig.defaults(), ctx, () -> {
            throw new UnsupportedOperationException("Operating system not supported: Plan 9");
        }, new ManualWaiter(clock, 100));
        source.start();
        source.stop();
        assertThat(emitter.events()).isEmpty();
    }

    @Test
    void aFailingGroupIsLeftOutAndTheOthersGoOn() {
        Collector broken = new Collector() {
            @Override
            public MetricGroup group() {
                return MetricGroup.DISKIO;
            }

            @Override
            public boolean collect(long nanos, List<Sample> out) {
                throw new UnsupportedOperationException("no disk stats on this kernel");
            }
        };
        ManualClock clock = new ManualClock(Instant.EPOCH);
        TimedCollector memory = new TimedCollector(clock, List.of());
        HostSampler sampler = new HostSampler(List.of(broken, memory), 6, System::nanoTime,
                LoggerFactory.getLogger("test"));
        assertThat(sampler.sample()).extracting(Sample::group).containsExactly(MetricGroup.MEMORY);
        assertThat(sampler.sample()).extracting(Sample::group).containsExactly(MetricGroup.MEMORY);
    }

    @Test
    void rescansFirstThenEveryNSamplesAndAfterAnInstanceVanished() {
        int[] rescans = {0};
        boolean[] vanish = {false};
        Collector counting = new Collector() {
            @Override
            public MetricGroup group() {
                return MetricGroup.NETWORK;
            }

            @Override
            public void rescan() {
                rescans[0]++;
            }

            @Override
            public boolean collect(long nanos, List<Sample> out) {
                return !vanish[0];
            }
        };
        HostSampler sampler = new HostSampler(List.of(counting), 3, System::nanoTime, LoggerFactory.getLogger("t"));
        for (int i = 0; i < 7; i++) {
            sampler.sample();
        }
        assertThat(rescans[0]).as("samples 1, 4, 7").isEqualTo(3);
        vanish[0] = true;
        sampler.sample();          // 8: reports the loss
        vanish[0] = false;
        sampler.sample();          // 9: rescans at once
        assertThat(rescans[0]).isEqualTo(4);
    }
}
