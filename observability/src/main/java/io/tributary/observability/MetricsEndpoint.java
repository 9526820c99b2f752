package io.tributary.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A role's HTTP endpoint: {@code GET /metrics} every series of {@link #registry()} in the
 * Prometheus text format, {@code GET /health} the role's {@link Health} as JSON (200 when UP, 503
 * when DOWN). The same paths and formats as broker-lite's own endpoint, so one scrape config and
 * one health probe fit every role.
 *
 * <ol>
 *   <li>{@link #start} binds the address ({@code host:port}, port 0 = any free port) and serves
 *       from one daemon thread; the registry already carries the JVM's memory, GC, thread, CPU
 *       and uptime series.</li>
 *   <li>The role registers its meters on {@link #registry()} (names like
 *       {@code tributary.agent.events.read} become {@code tributary_agent_events_read_total}).</li>
 *   <li>{@link #close} stops serving and releases the port; call it on shutdown.</li>
 * </ol>
 * Thread-safe: scrapes run on the endpoint's thread while the role updates meters.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static {
        // The JDK server writes headers and body separately; with Nagle on, the body waits for the
        // client's delayed ACK and every scrape takes ~40 ms more (measured: 48 ms -> 4 ms).
        // Read once when the server classes load; a value set on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(String role, InetSocketAddress address, Supplier<Health> health) throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            gcMetrics.close();
            registry.close();
            throw new IOException("cannot serve metrics on " + address.getHostString() + ":" + address.getPort() + ": "
                    + e.getMessage(), e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, role + "-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext("/health", exchange -> {
            Health h = health.get();
            respond(exchange, h.up() ? 200 : 503, "application/json", h.toJson());
        });
        server.start();
        log.info("{} metrics on http://{}:{}/metrics, health on /health", role, address.getHostString(), port());
    }

    /**
     * Starts serving.
     *
     * @param role   names the thread and the log line, e.g. "agent"
     * @param listen {@code host:port}; a bad value throws IllegalArgumentException naming {@code configKey}
     * @param health asked on every {@code /health} request; must be quick
     * @throws IOException when the address cannot be bound (the message names it)
     */
    public static MetricsEndpoint start(String role, String configKey, String listen, Supplier<Health> health) throws IOException {
        return new MetricsEndpoint(role, parse(configKey, listen), health);
    }

    /** {@code host:port} as an address; errors name the config key. */
    public static InetSocketAddress parse(String configKey, String hostPort) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(configKey + ": expected host:port, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon);
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(configKey + ": '" + hostPort.substring(colon + 1) + "' is not a port number (0-65535)");
        }
    }

    /** Where the role registers its meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(method);
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        gcMetrics.close();
        registry.close();
    }
}
