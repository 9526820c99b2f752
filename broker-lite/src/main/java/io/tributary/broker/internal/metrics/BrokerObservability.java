package io.tributary.broker.internal.metrics;

import io.tributary.broker.internal.topic.LogManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The broker's metrics and its {@code /metrics} + {@code /health} endpoint, or nothing at all when
 * {@code metrics.listen} is not set (then the metrics library is never even loaded, which keeps
 * the broker's start-up as fast as before). {@code /health} says UP from {@link #markServing()}
 * (the Kafka port is bound) until {@link #close()}.
 */
public final class BrokerObservability implements AutoCloseable {
    private final BrokerMetrics metrics;
    private final MetricsHttpServer server;
    private volatile boolean serving;

    private BrokerObservability(BrokerMetrics metrics, MetricsHttpServer server) {
        this.metrics = metrics;
        this.server = server;
    }

    /**
     * @param healthDetails JSON members for {@code /health} besides the status, e.g. {@code "listen":"h:p"}
     * @throws IOException when the metrics address cannot be bound (the message names it)
     */
    public static BrokerObservability start(Optional<InetSocketAddress> address, LogManager logs, IntSupplier groupCount,
                                            Supplier<String> healthDetails) throws IOException {
        if (address.isEmpty()) {
            return new BrokerObservability(null, null);
        }
        BrokerMetrics metrics = new BrokerMetrics(logs);
        metrics.groupCount(groupCount);
        try {
            BrokerObservability[] self = new BrokerObservability[1];
            MetricsHttpServer server = new MetricsHttpServer(address.get(), metrics::scrape,
                    () -> self[0] != null && self[0].serving, healthDetails);
            self[0] = new BrokerObservability(metrics, server);
            return self[0];
        } catch (IOException e) {
            metrics.close();
            throw new IOException("cannot serve metrics on " + address.get().getHostString() + ":" + address.get().getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    /** What the request dispatcher reports to; a no-op when metrics are off. */
    public RequestObserver requestObserver() {
        return metrics == null ? RequestObserver.NONE : metrics;
    }

    public void markServing() {
        serving = true;
    }

    /** The bound HTTP port, empty when metrics are off. */
    public OptionalInt port() {
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.port());
    }

    @Override
    public void close() {
        serving = false;
        if (server != null) {
            server.close();
            metrics.close();
        }
    }
}
