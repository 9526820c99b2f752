package io.tributary.agent.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.agent.AgentStats;
import io.tributary.observability.Health;
import io.tributary.observability.MetricsEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The agent's {@code /metrics} and {@code /health} (module observability). Only this class
 * touches Micrometer, so an agent without {@code metrics.listen} never loads it.
 */
public final class AgentMetrics implements AutoCloseable {
    private final MetricsEndpoint endpoint;

    private AgentMetrics(MetricsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * @param stats     read on every scrape
     * @param running   true between start and stop
     * @param emitted   per source id, events emitted so far
     */
    public static AgentMetrics start(String listen, String host, Supplier<AgentStats> stats, BooleanSupplier running,
                                     Map<String, java.util.function.LongSupplier> emitted) throws IOException {
        MetricsEndpoint endpoint = MetricsEndpoint.start("agent", "metrics.listen", listen, () -> {
            AgentStats s = stats.get();
            Map<String, Object> details = Map.of("role", "agent", "host", host, "brokerReachable", s.brokerReachable(),
                    "sources", emitted.size());
            return running.getAsBoolean() ? Health.up(details) : Health.down(details);
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
        emitted.forEach((id, count) -> FunctionCounter.builder("tributary.agent.events.emitted", count, c -> c.getAsLong())
                .tag("source", id).description("events emitted by a source").register(r));
        return new AgentMetrics(endpoint);
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
        endpoint.close();
    }
}
