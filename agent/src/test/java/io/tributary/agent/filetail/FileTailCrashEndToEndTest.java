package io.tributary.agent.filetail;

import static io.tributary.agent.filetail.E2e.agentYaml;
import static io.tributary.agent.filetail.E2e.append;
import static io.tributary.agent.filetail.E2e.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own process ({@code java ... io.tributary.agent.AgentMain --config ...}),
 * killed with SIGKILL mid-stream and started again: every line written is in the topic, and the
 * only duplicates are one contiguous run of lines (the unacknowledged, or acknowledged but not
 * yet checkpointed, tail), each exactly twice.
 */
class FileTailCrashEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int FIRST = 300_000;
    static final int WHILE_DOWN = 20_000;

    @TempDir
    Path dir;
    BrokerLite broker;
    Process agent;

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    Process startAgent(Path config, String logName) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.tributary.agent.AgentMain", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    }

    @Test
    void killMinus9MidStreamLosesNoLineAndDuplicatesOnlyTheUncheckpointedTail() throws Exception {
        broker = BrokerLite.start(BrokerConfig.defaults(Files.createDirectories(dir.resolve("broker")))
                .withListen("127.0.0.1:0"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path log = logs.resolve("app.log");
        append(log, lines("line-", 0, FIRST));
        Path config = Files.writeString(dir.resolve("agent.yaml"), agentYaml(broker.bootstrapServers(),
                dir.resolve("agent-data"), "crash", logs + "/*.log", ""));

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), "crash")) {
            agent = startAgent(config, "agent-1.log");
            reader.awaitCount(FIRST / 10, WAIT);
            agent.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
            int deliveredBeforeKill = reader.drain(Duration.ofMillis(200)).size();
            assertThat(deliveredBeforeKill).as("killed mid-stream").isLessThan(FIRST);

            append(log, lines("line-", FIRST, FIRST + WHILE_DOWN));
            Instant restart = Instant.now(); // events read by the second run are stamped after this
            agent = startAgent(config, "agent-2.log");
            int total = FIRST + WHILE_DOWN;
            List<JsonNode> events = reader.awaitUntil(ev -> ev.size() >= total
                    && TopicReader.bodies(ev).size() == total, WAIT, "every line " + total);
            events = reader.drain(Duration.ofMillis(300));

            TreeMap<Integer, Integer> counts = new TreeMap<>();
            Set<Integer> firstRun = new HashSet<>();
            for (JsonNode e : events) {
                int line = Integer.parseInt(e.path("body").asText().substring("line-".length()));
                counts.merge(line, 1, Integer::sum);
                if (Instant.parse(e.path("timestamp").asText()).isBefore(restart)) {
                    firstRun.add(line);
                }
            }
            assertThat(counts).hasSize(total);
            assertThat(counts.firstKey()).isZero();
            assertThat(counts.lastKey()).isEqualTo(total - 1);
            List<Integer> duplicated = new ArrayList<>();
            counts.forEach((line, n) -> {
                assertThat(n).as("line %d delivered %d times", line, n).isLessThanOrEqualTo(2);
                if (n == 2) {
                    duplicated.add(line);
                }
            });
            if (!duplicated.isEmpty()) {
                int from = duplicated.get(0);
                int to = duplicated.get(duplicated.size() - 1);
                assertThat(duplicated).as("duplicates form one run right after the last checkpoint").hasSize(to - from + 1);
                assertThat(firstRun).as("each duplicated line was also delivered by the killed run")
                        .containsAll(duplicated);
            }
            System.out.printf("kill -9 test: %d lines delivered before the kill, %d duplicated after the restart%n",
                    deliveredBeforeKill, duplicated.size());
        }
        agent.destroy(); // SIGTERM: clean stop
        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
}
