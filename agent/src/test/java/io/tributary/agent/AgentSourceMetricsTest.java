package io.tributary.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Per-source series on the agent's {@code /metrics}: read, sent, spooled, dropped; produce requests in flight. */
class AgentSourceMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static double value(int port, String series) throws IOException, InterruptedException {
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in\n" + scrape));
    }

    @Test
    void eachSourceCountsWhatItReadSentSpooledAndDroppedAcrossABrokerOutage() throws Exception {
        String yaml = """
                agent: { host: db-1, data-dir: %s }
                output:
                  bootstrap.servers: %s
                  linger: 5ms
                  unreachable-after: 500ms
                  request.timeout.ms: 1000
                spool: { max-bytes: 64KiB, segment-bytes: 4KiB }
                metrics: { listen: 127.0.0.1:0 }
                sources:
                  - { type: test-ticker, id: samples, topic: metrics, interval: 5ms }
                  - { type: test-counter, id: lines, topic: logs, count: 300 }
                """;
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start();
             Agent agent = Agent.start(yaml.formatted(tmp.resolve("agent"), broker.bootstrap()), Map.of())) {
            int port = agent.metricsPort();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(value(port, "tributary_agent_source_events_sent_total{source=\"lines\"}")).isEqualTo(300);
                assertThat(value(port, "tributary_agent_source_events_sent_total{source=\"samples\"}")).isPositive();
            });
            // Micrometer holds what a function meter reads weakly: after a collection every series still reads.
            System.gc();
            assertThat(value(port, "tributary_agent_events_emitted_total{source=\"lines\"}")).isEqualTo(300);
            assertThat(value(port, "tributary_agent_events_sent_total")).isGreaterThanOrEqualTo(300);
            assertThat(value(port, "tributary_agent_pipeline_events")).isNotNaN();
            assertThat(value(port, "tributary_agent_source_events_spooled_total{source=\"lines\"}")).isZero();
            assertThat(value(port, "tributary_agent_requests_in_flight")).isBetween(0.0, 5.0);

            broker.stop();
            // Samples go to the spool while the broker is down, and once its 64 KiB are full they are dropped, and counted.
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(value(port, "tributary_agent_source_events_spooled_total{source=\"samples\"}")).isGreaterThan(10);
                assertThat(value(port, "tributary_agent_source_events_dropped_total{source=\"samples\"}")).isPositive();
            });
            double sentBefore = value(port, "tributary_agent_source_events_sent_total{source=\"samples\"}");
            double spooled = value(port, "tributary_agent_source_events_spooled_total{source=\"samples\"}");
            assertThat(value(port, "tributary_agent_source_events_spooled_total{source=\"samples\"}")
                    + value(port, "tributary_agent_source_events_dropped_total{source=\"samples\"}")
                    + sentBefore).isLessThanOrEqualTo(value(port, "tributary_agent_events_emitted_total{source=\"samples\"}"));
            assertThat(value(port, "tributary_agent_source_events_dropped_total{source=\"lines\"}")).isZero();

            broker.start();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(value(port, "tributary_agent_events_drained_total")).isGreaterThanOrEqualTo(spooled));
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(value(port, "tributary_agent_source_events_sent_total{source=\"samples\"}")).isGreaterThan(sentBefore));
        }
    }
}
