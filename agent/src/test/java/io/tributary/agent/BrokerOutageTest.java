package io.tributary.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away for a while and comes back on the same address: the agent notices,
 * spools the non-replayable samples taken meanwhile, recovers by itself, and delivers them all
 * (no gap in the sample sequence), while the replayable source simply paused and lost nothing.
 */
class BrokerOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void samplesTakenDuringAnOutageAreDeliveredFromTheSpoolAndNothingIsLost() throws Exception {
        Path agentDir = tmp.resolve("agent");
        String yaml = """
                agent: { host: db-1, data-dir: %s }
                output:
                  bootstrap.servers: %s
                  linger: 5ms
                  unreachable-after: 500ms
                  request.timeout.ms: 1000
                spool: { max-bytes: 1MiB, segment-bytes: 4KiB }
                sources:
                  - { type: test-ticker, id: metrics, topic: metrics, interval: 10ms }
                  - { type: test-counter, id: logs, topic: logs, count: 100000 }
                """;
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start()) {
            String config = yaml.formatted(agentDir, broker.bootstrap());
            try (Agent agent = Agent.start(config, Map.of())) {
                TopicContents.readCount(broker.bootstrap(), "metrics", 10, WAIT);

                broker.stop();
                await().atMost(WAIT).until(() -> !agent.stats().brokerReachable());
                await().atMost(WAIT).until(() -> agent.stats().spooled() >= 50);
                assertThat(spoolFiles(agentDir)).isNotEmpty();

                broker.start();
                await().atMost(WAIT).until(() -> agent.stats().brokerReachable());
                await().atMost(WAIT).until(() -> agent.stats().drainedFromSpool() >= 50);
                long lastSeq = agent.stats().spooled() + 200;
                List<TopicContents.Message> samples = TopicContents.readUntil(broker.bootstrap(), "metrics",
                        l -> seqs(l).size() > lastSeq && seqs(l).last() == seqs(l).size() - 1, WAIT);
                TreeSet<Long> seen = seqs(samples);
                assertThat(seen.first()).isZero();
                assertThat(seen.last()).isEqualTo(seen.size() - 1L);
                assertThat(agent.stats().spoolOverflow()).isZero();
                List<TopicContents.Message> lines = TopicContents.readCount(broker.bootstrap(), "logs", 100000, WAIT);
                assertThat(lines.stream().map(m -> m.event().get("body").asText()).distinct().count()).isEqualTo(100000);
                // The spool empties once everything in it was acknowledged.
                await().atMost(WAIT).until(() -> spoolFiles(agentDir).size() <= 1);
            }
        }
    }

    @Test
    void aFullSpoolDropsNewSamplesAndCountsThem() throws Exception {
        TestBroker broker = new TestBroker(tmp.resolve("broker")); // never started
        String yaml = """
                agent: { host: db-1, data-dir: %s }
                output: { bootstrap.servers: %s, unreachable-after: 100ms }
                pipeline: { max-events: 10 }
                spool: { max-bytes: 8KiB, segment-bytes: 4KiB }
                sources:
                  - { type: test-ticker, id: metrics, topic: metrics, interval: 2ms }
                """.formatted(tmp.resolve("agent"), broker.bootstrap());
        try (Agent agent = Agent.start(yaml, Map.of())) {
            await().atMost(WAIT).until(() -> agent.stats().spoolOverflow() >= 10);
            AgentStats s = agent.stats();
            assertThat(s.spooled()).isGreaterThan(0);
            assertThat(s.spoolBytes()).isLessThanOrEqualTo(8 * 1024);
            assertThat(s.heldEvents()).isLessThanOrEqualTo(10);
        }
    }

    private static TreeSet<Long> seqs(List<TopicContents.Message> msgs) {
        TreeSet<Long> s = new TreeSet<>();
        msgs.forEach(m -> s.add(m.event().get("fields").get("seq").asLong()));
        return s;
    }

    private static List<Path> spoolFiles(Path agentDir) throws Exception {
        Path dir = agentDir.resolve("spool");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".spool")).toList();
        }
    }
}
