package io.tributary.sink.runner.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.observability.Health;
import io.tributary.observability.MetricsEndpoint;
import io.tributary.sink.runner.InputSettings;
import io.tributary.sink.runner.LoadReport;
import io.tributary.sink.runner.SinkSpec;
import io.tributary.sink.runner.internal.SinkObserver;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The sink runner's {@code /metrics} and {@code /health} (module observability), per sink
 * (tag {@code sink}):
 * <ul>
 *   <li>{@code tributary_sink_rows_loaded_total}: rows committed into the target</li>
 *   <li>{@code tributary_sink_dead_letters_total}: records rejected to the dead-letter table/topic</li>
 *   <li>{@code tributary_sink_batches_total}: batches committed (with the next offsets)</li>
 *   <li>{@code tributary_sink_batch_commit_seconds}: write + commit time of a batch</li>
 *   <li>{@code tributary_sink_load_run_seconds} (count, sum, max): scheduled load runs</li>
 *   <li>{@code tributary_sink_load_run_rows}: rows of the latest load run</li>
 *   <li>{@code tributary_sink_lag_records}: records in the broker past the sink group's committed
 *       offsets (as {@code tributary groups describe} shows); NaN while the broker does not
 *       answer; absent for {@code input.standalone} sinks, which keep no group offsets</li>
 * </ul>
 * {@code /health} is UP while the runner runs and no sink failed. Only this package touches
 * Micrometer, so a runner without {@code metrics.listen} never loads it. Thread-safe: sinks
 * record from their threads while scrapes read.
 */
public final class SinkMetrics implements SinkObserver, AutoCloseable {
    private final MetricsEndpoint endpoint;
    private final GroupLag lag;
    private final Map<String, PerSink> sinks = new LinkedHashMap<>();

    private record PerSink(Counter rows, Counter deadLetters, Counter batches, Timer batchCommit, Timer loadRun,
                           AtomicLong lastRunRows) {
    }

    private SinkMetrics(MetricsEndpoint endpoint, GroupLag lag) {
        this.endpoint = endpoint;
        this.lag = lag;
    }

    /**
     * @param healthy true while the runner runs and no sink failed
     */
    public static SinkMetrics start(String listen, InputSettings input, List<SinkSpec> specs, BooleanSupplier healthy)
            throws IOException {
        MetricsEndpoint endpoint = MetricsEndpoint.start("sink", "metrics.listen", listen, () -> {
            Map<String, Object> details = Map.of("sinks", specs.size());
            return healthy.getAsBoolean() ? Health.up(details) : Health.down(details);
        });
        GroupLag lag;
        try {
            lag = new GroupLag(input.bootstrapServers(), securitySettings(input.consumer()));
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        SinkMetrics metrics = new SinkMetrics(endpoint, lag);
        MeterRegistry r = endpoint.registry();
        for (SinkSpec spec : specs) {
            String name = spec.name();
            AtomicLong lastRunRows = new AtomicLong();
            metrics.sinks.put(name, new PerSink(
                    Counter.builder("tributary.sink.rows.loaded").tag("sink", name).description("rows committed into the target").register(r),
                    Counter.builder("tributary.sink.dead.letters").tag("sink", name).description("records rejected to dead letters").register(r),
                    Counter.builder("tributary.sink.batches").tag("sink", name).description("batches committed with their offsets").register(r),
                    Timer.builder("tributary.sink.batch.commit").tag("sink", name).description("write and commit time of a batch").register(r),
                    Timer.builder("tributary.sink.load.run").tag("sink", name).description("duration of scheduled load runs").register(r),
                    lastRunRows));
            Gauge.builder("tributary.sink.load.run.rows", lastRunRows, AtomicLong::get)
                    .tag("sink", name).description("rows of the latest load run").register(r);
            if (!input.standalone()) {
                Gauge.builder("tributary.sink.lag", lag, l -> l.lag(spec.group(), spec.topics()))
                        .tag("sink", name).baseUnit("records").description("records past the group's committed offsets").register(r);
            }
        }
        return metrics;
    }

    /** The consumer settings an Admin client needs too: how to reach and authenticate to the brokers. */
    private static Map<String, String> securitySettings(Map<String, String> consumer) {
        Map<String, String> security = new LinkedHashMap<>();
        consumer.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                security.put(key, value);
            }
        });
        return security;
    }

    public int port() {
        return endpoint.port();
    }

    @Override
    public void batchCommitted(String sink, long rows, long rejected, long nanos) {
        PerSink m = sinks.get(sink);
        if (m != null) {
            m.rows().increment(rows);
            m.deadLetters().increment(rejected);
            m.batches().increment();
            m.batchCommit().record(Duration.ofNanos(nanos));
        }
    }

    @Override
    public void loadRunFinished(LoadReport report) {
        PerSink m = sinks.get(report.sink());
        if (m != null) {
            m.loadRun().record(Duration.ofNanos((long) (report.seconds() * 1e9)));
            m.lastRunRows().set(report.rows());
        }
    }

    @Override
    public void close() {
        endpoint.close();
        lag.close();
    }
}
