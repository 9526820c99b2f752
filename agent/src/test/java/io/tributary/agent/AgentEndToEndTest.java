package io.tributary.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.plugin.api.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a real in-process broker-lite: delivery format, checkpoint resume, backpressure while the broker is away. */
class AgentEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private String config(String bootstrap, String extra, String sources) {
        return """
                agent:
                  host: web-1
                  data-dir: %s
                output:
                  bootstrap.servers: %s
                  linger: 5ms
                %s
                sources:
                %s
                """.formatted(tmp.resolve("agent"), bootstrap, extra, sources);
    }

    @Test
    void eventsArriveAsJsonKeyedByHostAndACleanRestartResumesAfterTheCheckpoint() throws Exception {
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start()) {
            String sources = "  - { type: test-counter, id: counter, topic: logs, count: 500 }";
            try (Agent agent = Agent.start(config(broker.bootstrap(), "", sources), Map.of())) {
                List<TopicContents.Message> msgs = TopicContents.readCount(broker.bootstrap(), "logs", 500, WAIT);
                TopicContents.Message first = msgs.get(0);
                assertThat(first.key()).isEqualTo("web-1");
                JsonNode e = first.event();
                assertThat(e.get("host").asText()).isEqualTo("web-1");
                assertThat(e.get("source").asText()).isEqualTo("counter");
                assertThat(e.get("body").asText()).isEqualTo("line-0");
                assertThat(e.get("attributes").get("path").asText()).isEqualTo("/test/counter");
                assertThat(java.time.Instant.parse(e.get("timestamp").asText()).toEpochMilli()).isEqualTo(first.timestamp());
                assertThat(msgs).extracting(m -> m.event().get("body").asText()).containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 500).mapToObj(i -> "line-" + i).toList());
                await().atMost(WAIT).until(() -> Position.of("counter", 500).equals(agent.committedPositions("counter").get("counter")));
            }
            JsonNode checkpoint = new ObjectMapper().readTree(tmp.resolve("agent/checkpoints.json").toFile());
            assertThat(checkpoint.at("/sources/counter/counter").asText()).isEqualTo("500");

            // Restarted with more lines to read: only the new ones are sent.
            String more = "  - { type: test-counter, id: counter, topic: logs, count: 800 }";
            try (Agent agent = Agent.start(config(broker.bootstrap(), "", more), Map.of())) {
                await().atMost(WAIT).until(() -> agent.stats().sent() == 300);
                List<TopicContents.Message> all = TopicContents.readCount(broker.bootstrap(), "logs", 800, WAIT);
                assertThat(all).hasSize(800);
                assertThat(all.get(500).event().get("body").asText()).isEqualTo("line-500");
            }
        }
    }

    @Test
    void aReplayableSourcePausesWithBoundedMemoryUntilTheBrokerComesUp() throws Exception {
        TestBroker broker = new TestBroker(tmp.resolve("broker"));
        String sources = "  - { type: test-counter, id: counter, topic: logs, count: 3000, padding: 100 }";
        try (Agent agent = Agent.start(config(broker.bootstrap(), "pipeline: { max-events: 50, max-bytes: 1MiB }", sources), Map.of())) {
            // No broker yet: the source fills the pipeline and then waits; memory stays at the bound
            // (a replayable source may use 90% of it, the rest is kept for non-replayable samples).
            await().atMost(WAIT).until(() -> agent.stats().heldEvents() == 45 && agent.stats().backpressureWaits() > 0);
            AgentStats paused = agent.stats();
            assertThat(paused.sent()).isZero();
            assertThat(paused.heldEvents()).isLessThanOrEqualTo(50);
            assertThat(paused.heldBytes()).isLessThanOrEqualTo(1 << 20);

            broker.start();
            List<TopicContents.Message> msgs = TopicContents.readCount(broker.bootstrap(), "logs", 3000, Duration.ofSeconds(60));
            assertThat(msgs).extracting(m -> m.event().get("body").asText().replace("x", "")).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "line-" + i).toList());
            assertThat(agent.stats().heldEvents()).isLessThanOrEqualTo(50);
        } finally {
            broker.close();
        }
        assertThat(Files.exists(tmp.resolve("agent/agent.lock"))).isTrue();
    }

    @Test
    void metricsAndHealthAreServedWhenConfigured() throws Exception {
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start()) {
            String sources = "  - { type: test-counter, id: counter, topic: logs, count: 100 }";
            try (Agent agent = Agent.start(config(broker.bootstrap(), "metrics: { listen: 127.0.0.1:0 }", sources), Map.of())) {
                await().atMost(WAIT).until(() -> agent.stats().sent() == 100);
                var metrics = get(agent, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("tributary_agent_events_sent_total 100.0")
                        .contains("tributary_agent_events_emitted_total{source=\"counter\"} 100.0")
                        .contains("tributary_agent_broker_reachable 1.0")
                        .contains("tributary_agent_spool_overflow_total 0.0");
                var health = get(agent, "/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"role\":\"agent\"");
            }
        }
    }

    @Test
    void aSourceWhoseThreadDiesIsReportedAndTheOthersGoOn() throws Exception {
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start()) {
            String sources = "  - { type: test-dying, id: dying, topic: logs, count: 3 }\n"
                    + "  - { type: test-counter, id: counter, topic: logs, count: 100 }";
            try (Agent agent = Agent.start(config(broker.bootstrap(), "metrics: { listen: 127.0.0.1:0 }", sources), Map.of())) {
                await().atMost(WAIT).until(() -> agent.failedSources().containsKey("dying"));
                assertThat(agent.failedSources()).containsOnlyKeys("dying");
                assertThat(agent.failedSources().get("dying")).startsWith("java.lang.NoSuchMethodError: 'void io.tributary");
                await().atMost(WAIT).until(() -> agent.stats().sent() == 103);

                var health = get(agent, "/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"status\":\"DOWN\"")
                        .contains("\"failedSources\":\"dying: java.lang.NoSuchMethodError");
                assertThat(get(agent, "/metrics").body()).contains("tributary_agent_sources_failed 1.0");
            }
        }
    }

    /** GET of one of the agent's metrics endpoint paths. */
    private static java.net.http.HttpResponse<String> get(Agent agent, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + agent.metricsPort() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
