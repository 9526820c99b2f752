package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugins.hostmetrics.HostMetricsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples the host on a fixed, aligned interval and emits one event per {@link Sample}: its
 * timestamp is the scheduled sample time, attribute {@code metric} names the group and the
 * sample's tags follow as attributes. Not replayable: the agent spools samples while the broker
 * is away.
 *
 * <p>Threads: {@link #start()} starts one daemon sampler thread, which loads OSHI, takes a
 * baseline reading (so the first emitted sample already has rates) and then samples at each
 * interval boundary, the first one at least {@link #MIN_FIRST_SAMPLE_GAP} after the baseline. A sample that overruns the interval skips the missed boundaries.
 * {@link #stop()} wakes and interrupts the thread and joins it.
 */
public final class HostMetricsSource implements Source {
    private static final long STOP_WAIT_MILLIS = 5_000;
    /**
     * The least time between the baseline reading and the first sample. OSHI memoizes CPU tick
     * counters for 300 ms ({@code oshi.util.memoizer.expiration}) and the kernel counts them in
     * 10 ms ticks: a boundary sooner after the baseline would read the same counters and emit a
     * first sample without {@code cpu}.
     */
    private static final Duration MIN_FIRST_SAMPLE_GAP = Duration.ofMillis(500);

    private final HostMetricsConfig config;
    private final SourceContext context;
    private final Supplier<HostSampler> samplerFactory;
    private final SampleWaiter waiter;
    private final IntervalSchedule schedule;
    private volatile Thread thread;
    private volatile boolean stopped;

    public HostMetricsSource(HostMetricsConfig config, SourceContext context) {
        this(config, context, () -> HostSampler.create(config, context.logger()),
                // The first deadline lies up to an interval plus the first-sample gap ahead: that is no clock step.
                SampleWaiter.onClock(context.clock(), config.interval().plus(MIN_FIRST_SAMPLE_GAP)));
    }

    HostMetricsSource(HostMetricsConfig config, SourceContext context, Supplier<HostSampler> samplerFactory,
                      SampleWaiter waiter) {
        this.config = config;
        this.context = context;
        this.samplerFactory = samplerFactory;
        this.waiter = waiter;
        this.schedule = new IntervalSchedule(config.interval());
    }

    @Override
    public synchronized void start() {
        if (thread != null || stopped) {
            throw new IllegalStateException("source " + context.sourceId() + " was already started");
        }
        Thread t = context.threadFactory().newThread(this::run);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public void stop() {
        stopped = true;
        waiter.stop();
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
        try {
            t.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        HostSampler sampler;
        try {
            sampler = samplerFactory.get();
            sampler.sample();
        } catch (RuntimeException | LinkageError e) {
            // An OS OSHI does not support, or a JNA native library that cannot load: say so once, then idle.
            context.logger().error("host-metrics: cannot read this host's metrics ({}); source {} emits nothing",
                    e.toString(), context.sourceId());
            return;
        }
        try {
            context.logger().info("host-metrics: sampling {} every {}", groupNames(), config.interval());
            // The interval is at least 1 s (HostMetricsConfig), so the gap skips at most one boundary.
            Instant tick = schedule.nextAfter(context.clock().instant().plus(MIN_FIRST_SAMPLE_GAP));
            boolean behindReported = false;
            while (!stopped && waiter.awaitUntil(tick)) {
                Instant woke = context.clock().instant();
                if (woke.isBefore(tick)) {
                    // The wall clock stepped back (NTP, a VM resume): sample times follow the new time.
                    context.logger().warn("host-metrics: the clock went back to {} before the sample due at {};"
                            + " sample times follow it", woke, tick);
                    tick = schedule.nextAfter(woke);
                    continue;
                }
                List<Sample> samples = sampler.sample();
                for (Sample sample : samples) {
                    context.emitter().emit(toEvent(tick, sample), null);
                }
                Instant now = context.clock().instant();
                Instant next = schedule.nextAfter(now.isAfter(tick) ? now : tick);
                if (!behindReported && next.isAfter(tick.plus(config.interval()))) {
                    behindReported = true;
                    context.logger().warn("host-metrics: a sample took longer than the interval {} (sampling"
                            + " or a full pipeline); missed sample times are skipped", config.interval());
                }
                tick = next;
            }
        } catch (InterruptedException e) {
            // stop() interrupts a blocked emit or wait: nothing more to do.
        } catch (IllegalStateException e) {
            if (!stopped) {
                throw e;
            }
            // The agent refuses emits once it stopped us; the sample in hand is dropped by design.
        }
    }

    private Event toEvent(Instant tick, Sample sample) {
        Event.Builder event = context.newEvent().timestamp(tick)
                .attribute("metric", sample.group().attributeValue());
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(sample.tags()).entrySet()) {
            event.attribute(tag.getKey(), tag.getValue());
        }
        return event.fields(sample.fields()).build();
    }

    private String groupNames() {
        return config.metrics().stream().map(g -> g.attributeValue()).toList().toString();
    }
}
