package io.tributary.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as its own process ({@code AgentMain}), stopped with SIGTERM; and a shutdown while the broker is down. */
class AgentProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void sigtermStopsCleanlyWithAFinalCheckpoint() throws Exception {
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start()) {
            Path config = tmp.resolve("agent.yaml");
            Files.writeString(config, """
                    agent: { host: proc-1, data-dir: %s }
                    output: { bootstrap.servers: %s, linger: 5ms }
                    sources:
                      - { type: test-counter, id: logs, topic: logs, count: 2000 }
                      - { type: test-ticker, id: metrics, topic: metrics, interval: 20ms }
                    """.formatted(tmp.resolve("agent"), broker.bootstrap()));
            Path log = tmp.resolve("agent.log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    AgentMain.class.getName(), "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                TopicContents.readCount(broker.bootstrap(), "logs", 2000, WAIT);
                TopicContents.readCount(broker.bootstrap(), "metrics", 5, WAIT);
            } finally {
                p.destroy(); // SIGTERM
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("agent stopping").contains("agent stopped:").contains("checkpoint written");
            var checkpoint = new ObjectMapper().readTree(tmp.resolve("agent/checkpoints.json").toFile());
            assertThat(checkpoint.at("/sources/logs/counter").asText()).isEqualTo("2000");
        }
    }

    @Test
    void samplesNotAcknowledgedAtShutdownAreSpooledAndDeliveredByTheNextRun() throws Exception {
        TestBroker broker = new TestBroker(tmp.resolve("broker"));
        String yaml = """
                agent: { host: h, data-dir: %s, shutdown-timeout: 1s }
                output: { bootstrap.servers: %s, linger: 5ms, unreachable-after: 60s }
                sources:
                  - { type: test-ticker, id: metrics, topic: metrics, interval: 10ms }
                """.formatted(tmp.resolve("agent"), broker.bootstrap());
        long taken;
        // The broker is not there, and not yet considered unreachable: samples wait in memory,
        // and the shutdown puts them into the spool rather than losing them.
        try (Agent agent = Agent.start(yaml, Map.of())) {
            await().atMost(WAIT).until(() -> agent.stats().heldEvents() >= 20);
            assertThat(agent.stats().spooled()).isZero();
        }
        try (TestBroker b = broker.start(); Agent agent = Agent.start(yaml, Map.of())) {
            await().atMost(WAIT).until(() -> agent.stats().drainedFromSpool() >= 20);
            taken = agent.stats().drainedFromSpool();
            List<TopicContents.Message> msgs = TopicContents.readUntil(b.bootstrap(), "metrics", l -> l.size() >= 20 + 5, WAIT);
            TreeSet<Long> seqs = new TreeSet<>();
            msgs.forEach(m -> seqs.add(m.event().get("fields").get("seq").asLong()));
            // The first run's samples start at 0 (this run's restart at 0 too): 0..19 at least once each.
            for (long i = 0; i < 20; i++) {
                assertThat(seqs).contains(i);
            }
        }
        assertThat(taken).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aSecondAgentOnTheSameDataDirectoryIsRefused() throws Exception {
        String yaml = "agent: { data-dir: %s }\n".formatted(tmp.resolve("agent"));
        try (Agent first = Agent.start(yaml, Map.of())) {
            try {
                Agent.start(yaml, Map.of()).close();
                throw new AssertionError("expected the second agent to be refused");
            } catch (java.io.IOException e) {
                assertThat(e.getMessage()).contains("is in use by another agent");
            }
        }
    }

    @Test
    void anUnreadableCheckpointFileIsReportedAndLeavesTheDataDirectoryFree() throws Exception {
        java.nio.file.Path dataDir = java.nio.file.Files.createDirectories(tmp.resolve("broken"));
        java.nio.file.Path checkpoints = dataDir.resolve("checkpoints.json");
        java.nio.file.Files.writeString(checkpoints, "{ not json");
        String yaml = "agent: { data-dir: %s }\n".formatted(dataDir);
        assertThatThrownBy(() -> Agent.start(yaml, Map.of()).close())
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("is unreadable");
        // The failed start released its lock and spool: once the file is moved away, an agent starts there.
        java.nio.file.Files.move(checkpoints, dataDir.resolve("checkpoints.json.bad"));
        try (Agent agent = Agent.start(yaml, Map.of())) {
            assertThat(agent.stats()).isNotNull();
        }
    }
}
