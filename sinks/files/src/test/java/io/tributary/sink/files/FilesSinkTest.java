package io.tributary.sink.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sink.runner.SinkFactories;
import io.tributary.sink.runner.SinkRunner;
import io.tributary.sink.runner.SinkRunnerConfig;
import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.SinkProcess;
import io.tributary.sink.testing.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FilesSinkTest {
    private static final Pattern NAME = Pattern.compile("logs-(\\d+)-(\\d{20})-(\\d{20})\\.jsonl\\.gz");

    @TempDir
    Path dir;
    EmbeddedBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private String yaml(Path out, String batch) {
        return "input:\n  bootstrap.servers: " + broker.bootstrap() + "\n  standalone: true\nstate-dir: " + dir.resolve("state")
                + "\nsinks:\n  - type: files\n    topics: [logs]\n    path: " + out + "\n    batch: " + batch + "\n";
    }

    @Test
    void writesTimePartitionedGzipJsonLinesNamedByTopicPartitionAndOffsetRange() throws Exception {
        broker.createTopic("logs", 2);
        List<String> events = new ArrayList<>();
        Instant base = Instant.parse("2026-12-01T10:59:58Z");
        for (int i = 0; i < 8; i++) {
            events.add(TestEvents.logEvent(base.plusSeconds(i), "h", "f-" + i)); // 10:59:58 .. 11:00:05
        }
        events.add("not json at all");
        broker.produce("logs", 2, events);
        Path out = dir.resolve("lake");
        try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml(out, "{max-wait-ms: 50}"), SinkFactories.load()))) {
            assertThat(runner.runOnce("files-lake").rows()).isEqualTo(8);
        }
        // The reject has no event time: its folder comes from the record's Kafka timestamp.
        long rejectTimestamp = broker.readAll("logs").stream().filter(r -> r.partition() == 0 && r.offset() == 4).findFirst().orElseThrow().timestamp();
        assertThat(PublishedFiles.list(out)).extracting(p -> out.relativize(p).toString()).containsExactly(
                "_rejects/logs/" + folder(Instant.ofEpochMilli(rejectTimestamp)) + "/logs-0-00000000000000000004-00000000000000000004.jsonl.gz",
                "logs/dt=2026-12-01/hour=10/logs-0-00000000000000000000-00000000000000000000.jsonl.gz",
                "logs/dt=2026-12-01/hour=10/logs-1-00000000000000000000-00000000000000000000.jsonl.gz",
                "logs/dt=2026-12-01/hour=11/logs-0-00000000000000000001-00000000000000000003.jsonl.gz",
                "logs/dt=2026-12-01/hour=11/logs-1-00000000000000000001-00000000000000000003.jsonl.gz");
        ObjectMapper json = new ObjectMapper();
        List<String> bodies = PublishedFiles.allLines(out, "logs").stream().map(l -> {
            try {
                return json.readTree(l).get("body").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(bodies).containsExactlyInAnyOrder("f-0", "f-1", "f-2", "f-3", "f-4", "f-5", "f-6", "f-7");
        assertThat(json.readTree(PublishedFiles.allLines(out, "_rejects").get(0)).get("reason").asText()).isEqualTo("not a JSON object");
        assertThat(json.readTree(PublishedFiles.allLines(out, "_rejects").get(0)).get("raw").asText()).isEqualTo("not json at all");
        try (var temps = Files.list(out.resolve(".tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    private static String folder(Instant time) {
        return java.time.format.DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(java.time.ZoneOffset.UTC).format(time);
    }

    @Test
    void kill9MidLoadThenRestartPublishesEveryEventExactlyOnceWithoutHalfFiles() throws Exception {
        int count = 30_000;
        broker.createTopic("logs", 3);
        broker.produce("logs", 3, TestEvents.logEvents("k", 0, count));
        Path out = dir.resolve("lake");
        Path config = dir.resolve("sink.yaml");
        Files.writeString(config, yaml(out, "{max-records: 100, max-wait-ms: 20}"));

        try (SinkProcess first = SinkProcess.start(config, dir.resolve("first.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> PublishedFiles.list(out).size() >= 30);
            first.kill9();
        }
        long atKill = 0;
        for (Path f : PublishedFiles.list(out)) {
            atKill += PublishedFiles.lines(f).size(); // every published file is whole: gzip would fail otherwise
        }
        assertThat(atKill).as("killed mid-load").isLessThan(count);

        try (SinkProcess second = SinkProcess.start(config, dir.resolve("second.log"))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> PublishedFiles.allLines(out, "logs").size() >= count);
            second.terminate();
        }
        List<String> lines = PublishedFiles.allLines(out, "logs");
        assertThat(lines).hasSize(count);
        assertThat(new HashSet<>(lines)).hasSize(count);
        // Per partition the published ranges tile the offsets without gap or overlap.
        Map<Integer, Long> nextByPartition = new HashMap<>();
        for (Path f : PublishedFiles.list(out).stream().sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList()) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            assertThat(m.matches()).isTrue();
            int partition = Integer.parseInt(m.group(1));
            assertThat(Long.parseLong(m.group(2))).isEqualTo(nextByPartition.getOrDefault(partition, 0L));
            nextByPartition.put(partition, Long.parseLong(m.group(3)) + 1);
        }
        assertThat(nextByPartition).containsEntry(0, 10_000L).containsEntry(1, 10_000L).containsEntry(2, 10_000L);
    }
}
