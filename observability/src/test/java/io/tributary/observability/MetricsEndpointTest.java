package io.tributary.observability;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoint a role serves: Prometheus text on /metrics, its health as JSON on /health. */
class MetricsEndpointTest {
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheRolesSeriesAndItsHealth() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("agent", "metrics.listen", "127.0.0.1:0",
                () -> up.get() ? Health.up(Map.of("role", "agent", "sources", 2)) : Health.down(Map.of("reason", "broker \"b1\" down")))) {
            Counter read = Counter.builder("tributary.agent.events.read").tag("source", "nginx").register(endpoint.registry());
            read.increment(41);
            read.increment();

            HttpResponse<String> metrics = get(endpoint.port(), "/metrics", "GET");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(metrics.body()).contains("tributary_agent_events_read_total{source=\"nginx\"} 42.0", "jvm_memory_used_bytes");

            HttpResponse<String> health = get(endpoint.port(), "/health", "GET");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"role\":\"agent\",\"sources\":2}");

            up.set(false);
            HttpResponse<String> down = get(endpoint.port(), "/health", "GET");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"reason\":\"broker \\\"b1\\\" down\"}");

            assertThat(get(endpoint.port(), "/metrics", "POST").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port;
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("sink", "metrics.listen", "127.0.0.1:0", () -> Health.up(Map.of()))) {
            port = endpoint.port();
        }
        try (MetricsEndpoint again = MetricsEndpoint.start("sink", "metrics.listen", "127.0.0.1:" + port, () -> Health.up(Map.of()))) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void badAddressesAreNamed() throws IOException {
        assertThatThrownBy(() -> MetricsEndpoint.start("agent", "agent.metrics.listen", "9644", () -> Health.up(Map.of())))
                .hasMessage("agent.metrics.listen: expected host:port, got '9644'");
        assertThatThrownBy(() -> MetricsEndpoint.start("agent", "agent.metrics.listen", "127.0.0.1:70000", () -> Health.up(Map.of())))
                .hasMessage("agent.metrics.listen: '70000' is not a port number (0-65535)");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> MetricsEndpoint.start("agent", "metrics.listen", "127.0.0.1:" + taken.getLocalPort(),
                    () -> Health.up(Map.of())))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static HttpResponse<String> get(int port, String path, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
