package io.tributary.agent.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.agent.AgentStats;
import io.tributary.observability.Health;
import io.tributary.observability.MetricsEndpoint;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The agent's {@code /metrics} and {@code /health} (module observability). Only this class
 * touches Micrometer, so an agent without {@code metrics.listen} never loads it.
 */
public final class AgentMetrics implements AutoCloseable {
    private final MetricsEndpoint endpoint;
    private final SourceGauges gauges;
    /** Micrometer holds a function meter's object weakly: these keep ours reachable (a collected lambda reads NaN). */
    private final List<Object> referents;

    private AgentMetrics(MetricsEndpoint endpoint, SourceGauges gauges, List<Object> referents) {
        this.endpoint = endpoint;
        this.gauges = gauges;
        this.referents = referents;
    }

    /**
     * One source's counters, exported with tag {@code source}.
     *
     * @param emitted events the source emitted (read)
     * @param sent    events the broker acknowledged straight from the pipeline
     * @param spooled events written to the disk spool
     * @param dropped events dropped because the spool was full
     */
    public record SourceCounters(LongSupplier emitted, LongSupplier sent, LongSupplier spooled, LongSupplier dropped) {
    }

    /**
     * @param stats            read on every scrape
     * @param running          true between start and stop
     * @param emitted          per source id, its counters
     * @param requestsInFlight produce requests awaiting an answer
     * @param gauges           what sources publish ({@code tributary_agent_source_<name>}, e.g. file-tail's file lag)
     * @param failedSources    sources whose thread died, id → reason: while there are any, health is down
     */
    public static AgentMetrics start(String listen, String host, Supplier<AgentStats> stats, BooleanSupplier running,
                                     Map<String, SourceCounters> emitted, DoubleSupplier requestsInFlight,
                                     SourceGauges gauges, Supplier<Map<String, String>> failedSources) throws IOException {
        MetricsEndpoint endpoint = MetricsEndpoint.start("agent", "metrics.listen", listen, () -> {
            AgentStats s = stats.get();
            Map<String, String> failed = failedSources.get();
            Map<String, Object> details = new HashMap<>(Map.of("role", "agent", "host", host,
                    "brokerReachable", s.brokerReachable(), "sources", emitted.size()));
            if (!failed.isEmpty()) {
                details.put("failedSources", String.join("; ", failed.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()));
            }
            return running.getAsBoolean() && failed.isEmpty() ? Health.up(details) : Health.down(details);
        });
        MeterRegistry r = endpoint.registry();
        counter(r, "tributary.agent.events.sent", "events acknowledged by the broker", stats, AgentStats::sent);
        counter(r, "tributary.agent.events.spooled", "events of non-replayable sources written to the spool", stats, AgentStats::spooled);
        counter(r, "tributary.agent.spool.overflow", "events dropped because the spool was full", stats, AgentStats::spoolOverflow);
        counter(r, "tributary.agent.events.drained", "events read back from the spool", stats, AgentStats::drainedFromSpool);
        counter(r, "tributary.agent.events.rejected", "events the broker refused for good", stats, AgentStats::rejected);
        counter(r, "tributary.agent.backpressure.waits", "times a source waited for room in the pipeline", stats, AgentStats::backpressureWaits);
        Gauge.builder("tributary.agent.pipeline.events", stats, s -> s.get().heldEvents())
                .description("events in memory (queued or awaiting acknowledgement)").register(r);
        Gauge.builder("tributary.agent.pipeline", stats, s -> s.get().heldBytes()).baseUnit("bytes")
                .description("bytes of events in memory").register(r);
        Gauge.builder("tributary.agent.spool", stats, s -> s.get().spoolBytes()).baseUnit("bytes")
                .description("bytes in the disk spool").register(r);
        Gauge.builder("tributary.agent.broker.reachable", stats, s -> s.get().brokerReachable() ? 1 : 0)
                .description("1 while the broker acknowledges").register(r);
        emitted.forEach((id, c) -> {
            sourceCounter(r, "tributary.agent.events.emitted", "events emitted (read) by a source", id, c.emitted());
            sourceCounter(r, "tributary.agent.source.events.sent", "events of a source acknowledged by the broker "
                    + "(those that went through the spool count in tributary_agent_events_drained_total)", id, c.sent());
            sourceCounter(r, "tributary.agent.source.events.spooled", "events of a source written to the spool", id, c.spooled());
            sourceCounter(r, "tributary.agent.source.events.dropped", "events of a source dropped for a full spool", id, c.dropped());
        });
        Gauge.builder("tributary.agent.sources.failed", failedSources, f -> f.get().size())
                .description("sources stopped because their thread died (see /health)").register(r);
        Gauge.builder("tributary.agent.requests.in.flight", requestsInFlight, DoubleSupplier::getAsDouble)
                .description("produce requests (batches) sent to the broker and not yet answered").register(r);
        gauges.listen(new SourceGauges.Listener() {
            private final Map<SourceGauges.Key, Meter> meters = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void added(SourceGauges.Key key, DoubleSupplier value) {
                Gauge.Builder<DoubleSupplier> b = Gauge.builder("tributary.agent.source." + key.name(), value, DoubleSupplier::getAsDouble)
                        .strongReference(true);
                key.tags().forEach(b::tag);
                meters.put(key, b.register(r));
            }

            @Override
            public void removed(SourceGauges.Key key) {
                Meter meter = meters.remove(key);
                if (meter != null) {
                    r.remove(meter);
                }
            }
        });
        return new AgentMetrics(endpoint, gauges, List.of(stats, emitted, requestsInFlight, failedSources));
    }

    private static void sourceCounter(MeterRegistry r, String name, String description, String source, LongSupplier value) {
        FunctionCounter.builder(name, value, LongSupplier::getAsLong).tag("source", source).description(description).register(r);
    }

    private static void counter(MeterRegistry r, String name, String description, Supplier<AgentStats> stats,
                                ToLongFunction<AgentStats> value) {
        FunctionCounter.builder(name, stats, s -> value.applyAsLong(s.get())).description(description).register(r);
    }

    public int port() {
        return endpoint.port();
    }

    @Override
    public void close() {
        gauges.listen(null);
        endpoint.close();
    }
}
