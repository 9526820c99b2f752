package io.tributary.broker.internal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The broker's HTTP endpoint, on the JDK's built-in server (one daemon thread):
 * {@code GET /metrics} the Prometheus text format, {@code GET /health} 200 with
 * {@code {"status":"UP",...}} while the broker serves, 503 {@code {"status":"DOWN"}} once it stops.
 * broker-lite depends on no other Tributary module, so it has this small server of its own; the
 * agent and sink roles use the same paths and formats (module {@code observability}).
 */
public final class MetricsHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsHttpServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static {
        // The JDK server writes headers and body separately; with Nagle on, the body waits for the
        // client's delayed ACK and every scrape takes ~40 ms more (measured: 48 ms -> 4 ms).
        // Read once when the server classes load; a value set on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param health    true while the broker serves
     * @param healthDetails extra JSON members for {@code /health}, e.g. {@code "listen":"127.0.0.1:9092"}
     */
    public MetricsHttpServer(InetSocketAddress address, Supplier<String> scrape, BooleanSupplier health,
                             Supplier<String> healthDetails) throws IOException {
        server = HttpServer.create(address, 16);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "broker-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, scrape.get()));
        server.createContext("/health", exchange -> {
            boolean up = health.getAsBoolean();
            String body = up ? "{\"status\":\"UP\"," + healthDetails.get() + "}" : "{\"status\":\"DOWN\"}";
            respond(exchange, up ? 200 : 503, "application/json", body);
        });
        server.start();
        log.info("Metrics on http://{}:{}/metrics, health on /health", address.getHostString(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
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
    }
}
