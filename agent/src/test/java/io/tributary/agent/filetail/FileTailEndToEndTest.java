package io.tributary.agent.filetail;

import static io.tributary.agent.filetail.E2e.agentYaml;
import static io.tributary.agent.filetail.E2e.append;
import static io.tributary.agent.filetail.E2e.lines;
import static io.tributary.agent.filetail.E2e.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.agent.Agent;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * file-tail end to end: real files, a real agent in this JVM, a real broker-lite, and the topic
 * read back with a KafkaConsumer. (The kill -9 test runs the agent as a separate process:
 * {@link FileTailCrashEndToEndTest}.)
 */
class FileTailEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path brokerDir;
    static BrokerLite broker;

    @TempDir
    Path logs;
    @TempDir
    Path agentDir;
    String topic;
    Agent agent;
    TopicReader reader;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = BrokerLite.start(BrokerConfig.defaults(brokerDir).withListen("127.0.0.1:0"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void topicName(TestInfo info) {
        topic = "logs-" + info.getTestMethod().orElseThrow().getName();
        if (topic.length() > 200) {
            topic = topic.substring(0, 200);
        }
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        if (reader != null) {
            reader.close();
        }
    }

    void startAgent(String extraKeys) throws Exception {
        agent = Agent.start(agentYaml(broker.bootstrapServers(), agentDir, topic, logs + "/*.log", extraKeys), Map.of());
        if (reader == null) {
            reader = new TopicReader(broker.bootstrapServers(), topic);
        }
    }

    static Map<String, Integer> counts(List<JsonNode> events) {
        Map<String, Integer> c = new HashMap<>();
        for (JsonNode e : events) {
            c.merge(e.path("body").asText(), 1, Integer::sum);
        }
        return c;
    }

    @Test
    void linesThroughRotationByRenameAndByCopytruncateAllArrive() throws Exception {
        Path log = logs.resolve("app.log");
        append(log, lines("a-", 0, 1000));
        startAgent("");
        reader.awaitBodies(names("a-", 0, 1000), WAIT);

        // logrotate's default: rename, then the application reopens a new file.
        Files.move(log, logs.resolve("app.log.1"));
        append(logs.resolve("app.log.1"), lines("a-", 1000, 1100)); // written before the writer reopened
        append(log, lines("b-", 0, 1000));
        reader.awaitBodies(names("a-", 1000, 1100), WAIT);
        reader.awaitBodies(names("b-", 0, 1000), WAIT);

        // copytruncate: copy away, truncate in place, keep writing.
        Files.copy(log, logs.resolve("app.log.2"), StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(log, lines("c-", 0, 1000));
        List<JsonNode> events = reader.awaitBodies(names("c-", 0, 1000), WAIT);

        Map<String, Integer> counts = counts(reader.drain(Duration.ofMillis(300)));
        assertThat(counts).hasSize(3100);
        assertThat(counts.values()).as("no line twice").allMatch(n -> n == 1);
        JsonNode first = events.get(0);
        assertThat(first.path("host").asText()).isEqualTo("e2e-host");
        assertThat(first.path("source").asText()).isEqualTo("logs");
        assertThat(first.path("attributes").path("path").asText()).isEqualTo(log.toString());
        assertThat(first.path("attributes").path("offset").asText()).isEqualTo("0");
    }

    @Test
    void linesAppendedWhileTheAgentIsStoppedArriveAfterItsRestartWithoutDuplicates() throws Exception {
        Path log = logs.resolve("app.log");
        append(log, lines("before-", 0, 500));
        startAgent("");
        reader.awaitBodies(names("before-", 0, 500), WAIT);
        agent.close();
        agent = null;

        append(log, lines("while-stopped-", 0, 500));
        append(logs.resolve("new.log"), lines("new-file-", 0, 100));
        startAgent("");
        reader.awaitBodies(names("while-stopped-", 0, 500), WAIT);
        reader.awaitBodies(names("new-file-", 0, 100), WAIT);
        Map<String, Integer> counts = counts(reader.drain(Duration.ofMillis(300)));
        assertThat(counts).hasSize(1100);
        assertThat(counts.values()).as("a clean stop checkpoints everything: no duplicates").allMatch(n -> n == 1);
    }

    @Test
    void aNewFileOnTheInodeOfATailedDeletedFileIsReadFromItsStart() throws Exception {
        Path log = logs.resolve("app.log");
        append(log, lines("first-generation-", 0, 50));
        startAgent("");
        reader.awaitBodies(names("first-generation-", 0, 50), WAIT);
        Object inode = Files.getAttribute(log, "unix:ino");
        agent.close();
        agent = null;

        // While the agent is down the file is deleted and a new one gets the same inode.
        Files.delete(log);
        boolean reused = false;
        for (int i = 0; i < 50 && !reused; i++) {
            append(log, lines("second-generation-", 0, 60));
            reused = Files.getAttribute(log, "unix:ino").equals(inode);
            if (!reused) {
                Files.move(log, logs.resolve("spare-" + i + ".txt"));
            }
        }
        Assumptions.assumeTrue(reused, "the file system did not reuse the inode");
        startAgent("");
        // The saved offset (after 50 longer lines) lies inside the new file: resuming there would lose lines.
        reader.awaitBodies(names("second-generation-", 0, 60), WAIT);
    }

    @Test
    void aDeletedFileIsReadToItsEndAndNotHeldOpen() throws Exception {
        Path log = logs.resolve("app.log");
        append(log, lines("d-", 0, 100));
        startAgent("rotate-wait: 1h");
        reader.awaitBodies(names("d-", 0, 100), WAIT);
        assertThat(E2e.openFiles()).contains(log.toString());

        append(log, lines("d-", 100, 200));
        Files.delete(log);
        reader.awaitBodies(names("d-", 100, 200), WAIT);
        await().atMost(WAIT).until(() -> E2e.openFiles().stream().noneMatch(f -> f.startsWith(log.toString())));
    }

    @Test
    void unreadablePathsDoNotStopTheOtherFiles() throws Exception {
        // As root permissions do not stop a read: a symlink loop, a broken link and a FIFO do.
        Files.createSymbolicLink(logs.resolve("loop-a.log"), logs.resolve("loop-b.log"));
        Files.createSymbolicLink(logs.resolve("loop-b.log"), logs.resolve("loop-a.log"));
        Files.createSymbolicLink(logs.resolve("dangling.log"), logs.resolve("nowhere"));
        Process mkfifo = new ProcessBuilder("mkfifo", logs.resolve("pipe.log").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        Path good = logs.resolve("good.log");
        append(good, lines("good-", 0, 100));
        ch.qos.logback.classic.Logger sourceLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.tributary.source.logs");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        sourceLog.addAppender(captured);
        try {
            startAgent("");
            reader.awaitBodies(names("good-", 0, 100), WAIT);
            // A file created later is found by a later scan: the bad paths have been looked at again by then.
            append(logs.resolve("later.log"), lines("later-", 0, 10));
            reader.awaitBodies(names("later-", 0, 10), WAIT);
            append(good, lines("good-", 100, 200));
            reader.awaitBodies(names("good-", 100, 200), WAIT);
            List<String> problems = captured.list.stream().map(e -> e.getFormattedMessage())
                    .filter(m -> m.startsWith("cannot tail")).toList();
            assertThat(problems).as("one line per bad path, naming it and the reason").hasSize(4)
                    .anyMatch(m -> m.contains("pipe.log") && m.contains("not a regular file"))
                    .anyMatch(m -> m.contains("dangling.log") && m.contains("broken symbolic link"))
                    .anyMatch(m -> m.contains("loop-a.log") && m.contains("symbolic links"));
        } finally {
            sourceLog.detachAppender(captured);
        }
    }

    @Test
    void aTenMegabyteLineArrivesTruncatedAndFlaggedAndTheNextLinesAreIntact() throws Exception {
        Path log = logs.resolve("app.log");
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        append(log, "before\n");
        Files.write(log, big, StandardOpenOption.APPEND);
        append(log, "\nafter\n");
        startAgent("");
        List<JsonNode> events = reader.awaitBodies(List.of("before", "after"), WAIT);
        assertThat(events).hasSize(3);
        JsonNode truncated = events.get(1);
        assertThat(truncated.path("body").asText()).hasSize(256 * 1024).matches("x+");
        assertThat(truncated.path("attributes").path("truncated").asText()).isEqualTo("true");
        assertThat(events.get(2).path("attributes").has("truncated")).isFalse();
    }

    @Test
    void binaryGarbageAndInvalidUtf8ArriveAsReplacedTextAndDoNotStopTheSource() throws Exception {
        Path log = logs.resolve("app.log");
        Files.write(log, new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});
        byte[] garbage = new byte[1024 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(log, garbage, StandardOpenOption.APPEND);
        append(log, "\n" + lines("after-garbage-", 0, 100));
        startAgent("");
        List<JsonNode> events = reader.awaitBodies(names("after-garbage-", 0, 100), WAIT);
        assertThat(events.get(0).path("body").asText()).isEqualTo("bad \uFFFD(\uFFFD");
        List<String> bodies = new ArrayList<>(TopicReader.bodyList(events));
        assertThat(bodies.subList(bodies.size() - 100, bodies.size())).containsExactlyElementsOf(names("after-garbage-", 0, 100));
    }
}
