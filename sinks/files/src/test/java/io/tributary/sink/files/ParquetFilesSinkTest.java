package io.tributary.sink.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sink.runner.SinkFactories;
import io.tributary.sink.runner.SinkRunner;
import io.tributary.sink.runner.SinkRunnerConfig;
import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.SinkProcess;
import io.tributary.sink.testing.TestEvents;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ParquetFilesSinkTest {
    private static final Pattern NAME = Pattern.compile("logs-(\\d+)-(\\d{20})-(\\d{20})\\.parquet");

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

    private String yaml(Path out, String batch, String mappingLines) {
        return "input:\n  bootstrap.servers: " + broker.bootstrap() + "\n  standalone: true\nstate-dir: " + dir.resolve("state")
                + "\nsinks:\n  - type: files\n    topics: [logs]\n    path: " + out + "\n    format: parquet\n    batch: " + batch + "\n"
                + mappingLines;
    }

    @Test
    void logEventsBecomeTypedParquetColumnsInTimePartitionedFilesAndMisfitsGoToRejects() throws Exception {
        broker.createTopic("logs", 2);
        List<String> events = new ArrayList<>();
        Instant base = Instant.parse("2026-12-01T10:59:58Z");
        for (int i = 0; i < 8; i++) {
            events.add(TestEvents.logEvent(base.plusSeconds(i), "h", "f-" + i)); // 10:59:58 .. 11:00:05
        }
        events.add("not json at all");                // partition 0, offset 4
        events.add("{\"host\":\"no-time\"}");          // partition 1, offset 4: log-event's ts is required
        broker.produce("logs", 2, events);
        Path out = dir.resolve("lake");
        try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml(out, "{max-wait-ms: 50}", ""), SinkFactories.load()))) {
            assertThat(runner.runOnce("files-lake").rows()).isEqualTo(8);
        }

        assertThat(PublishedFiles.list(out, ".parquet")).extracting(p -> out.relativize(p).toString()).containsExactly(
                "logs/dt=2026-12-01/hour=10/logs-0-00000000000000000000-00000000000000000000.parquet",
                "logs/dt=2026-12-01/hour=10/logs-1-00000000000000000000-00000000000000000000.parquet",
                "logs/dt=2026-12-01/hour=11/logs-0-00000000000000000001-00000000000000000003.parquet",
                "logs/dt=2026-12-01/hour=11/logs-1-00000000000000000001-00000000000000000003.parquet");
        MessageType schema = ParquetRows.schema(PublishedFiles.list(out, ".parquet").get(0));
        assertThat(schema.getFields()).extracting(Type::getName).containsExactly("ts", "host", "source", "body", "attributes");
        assertThat(schema.getType("ts").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("ts").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("ts").getRepetition()).isEqualTo(Type.Repetition.REQUIRED);
        assertThat(schema.getType("host").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("attributes").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.jsonType());

        List<Map<String, Object>> rows = ParquetRows.readAll(PublishedFiles.list(out, ".parquet"));
        assertThat(rows).hasSize(8);
        for (int i = 0; i < 8; i++) {
            String body = "f-" + i;
            Instant ts = base.plusSeconds(i);
            assertThat(rows).filteredOn(r -> body.equals(r.get("body"))).singleElement().isEqualTo(Map.of(
                    "ts", ts.getEpochSecond() * 1_000_000L,
                    "host", "h",
                    "source", "file:/var/log/app.log",
                    "body", body,
                    "attributes", "{\"level\":\"INFO\",\"line\":3}"));
        }

        ObjectMapper json = new ObjectMapper();
        List<String> reasons = new ArrayList<>();
        for (String line : PublishedFiles.allLines(out, "_rejects")) {
            reasons.add(json.readTree(line).get("reason").asText());
        }
        assertThat(reasons).hasSize(2).contains("ts ($.timestamp): required but missing")
                .anySatisfy(reason -> assertThat(reason).startsWith("not valid JSON: Unrecognized token 'not'"));
        try (var temps = Files.list(out.resolve(".tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void customColumnsKeepTheirTypes() throws Exception {
        broker.createTopic("logs", 1);
        broker.produce("logs", 1, List.of(
                "{\"timestamp\":1796119200000,\"n\":42,\"x\":1.5,\"ok\":true,\"small\":7,\"nested\":{\"a\":\"b\"}}",
                "{\"timestamp\":1796119200001,\"n\":\"not a number\"}",
                "{\"timestamp\":1796119200002,\"n\":-1,\"ok\":false}"));
        Path out = dir.resolve("lake");
        String columns = "    columns:\n"
                + "      at: {path: $.timestamp, type: timestamp, required: true}\n"
                + "      n: {path: $.n, type: long}\n"
                + "      x: {path: $.x, type: double}\n"
                + "      ok: {path: $.ok, type: boolean}\n"
                + "      small: {path: $.small, type: int}\n"
                + "      nested_a: $.nested.a\n"
                + "      off: {path: '@offset', type: long}\n"
                + "      part: {path: '@partition', type: int}\n";
        try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml(out, "{max-wait-ms: 50}", columns), SinkFactories.load()))) {
            assertThat(runner.runOnce("files-lake").rows()).isEqualTo(2);
        }
        List<Path> files = PublishedFiles.list(out, ".parquet");
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "logs-0-00000000000000000000-00000000000000000000.parquet", "logs-0-00000000000000000002-00000000000000000002.parquet");
        MessageType schema = ParquetRows.schema(files.get(0));
        assertThat(schema.getFields()).extracting(f -> f.getName() + " " + f.asPrimitiveType().getPrimitiveTypeName()).containsExactly(
                "at INT64", "n INT64", "x DOUBLE", "ok BOOLEAN", "small INT32", "nested_a BINARY", "off INT64", "part INT32");
        assertThat(ParquetRows.readAll(files)).containsExactly(
                Map.of("at", 1796119200000_000L, "n", 42L, "x", 1.5, "ok", true, "small", 7, "nested_a", "b", "off", 0L, "part", 0),
                Map.of("at", 1796119200002_000L, "n", -1L, "ok", false, "off", 2L, "part", 0));
        assertThat(new ObjectMapper().readTree(PublishedFiles.allLines(out, "_rejects").get(0)).get("reason").asText())
                .isEqualTo("n ($.n): not an integer: \"not a number\"");
    }

    @Test
    void kill9MidLoadThenRestartPublishesEveryEventExactlyOnceAndTheSinkProcessRunsWithoutHadoop() throws Exception {
        int count = 20_000;
        broker.createTopic("logs", 2);
        broker.produce("logs", 2, TestEvents.logEvents("k", 0, count));
        Path out = dir.resolve("lake");
        Path config = dir.resolve("sink.yaml");
        Files.writeString(config, yaml(out, "{max-records: 200, max-wait-ms: 20}", ""));

        try (SinkProcess first = startWithoutHadoop(config, dir.resolve("first.log"))) {
            awaitOrShow(first, Duration.ofSeconds(60), () -> PublishedFiles.list(out, ".parquet").size() >= 20);
            first.kill9();
        }
        // Every published file is whole: the reader needs the footer, which is written last.
        assertThat(ParquetRows.readAll(PublishedFiles.list(out, ".parquet")).size()).as("killed mid-load").isLessThan(count);

        try (SinkProcess second = startWithoutHadoop(config, dir.resolve("second.log"))) {
            awaitOrShow(second, Duration.ofSeconds(120), () -> nextOffsets(out).values().stream().mapToLong(Long::longValue).sum() >= count);
            second.terminate();
        }
        List<Object> bodies = ParquetRows.readAll(PublishedFiles.list(out, ".parquet")).stream().map(r -> r.get("body")).toList();
        assertThat(bodies).hasSize(count);
        assertThat(new HashSet<>(bodies)).hasSize(count);
        assertThat(nextOffsets(out)).containsEntry(0, 10_000L).containsEntry(1, 10_000L);
        assertThat(PublishedFiles.list(out, ".jsonl.gz")).as("no rejects").isEmpty();
    }

    private static void awaitOrShow(SinkProcess process, Duration atMost, Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("sink process did not get there; its output:\n" + process.output(), e);
        }
    }

    /** Per partition, checks the published ranges tile the offsets without gap or overlap; returns the next offsets. */
    private static Map<Integer, Long> nextOffsets(Path out) throws IOException {
        Map<Integer, Long> next = new HashMap<>();
        for (Path f : PublishedFiles.list(out, ".parquet").stream().sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList()) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            assertThat(m.matches()).isTrue();
            int partition = Integer.parseInt(m.group(1));
            assertThat(Long.parseLong(m.group(2))).isEqualTo(next.getOrDefault(partition, 0L));
            next.put(partition, Long.parseLong(m.group(3)) + 1);
        }
        return next;
    }

    /**
     * A real sink process whose class path lacks Hadoop (hadoop-client-api is here only for
     * the test's Parquet reader): the sink must write Parquet without any Hadoop class.
     */
    private static SinkProcess startWithoutHadoop(Path config, Path log) throws IOException {
        String classPath = System.getProperty("java.class.path");
        String withoutHadoop = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.contains(File.separator + "hadoop-client-api")).collect(Collectors.joining(File.pathSeparator));
        assertThat(withoutHadoop).as("the test class path has Hadoop to leave out").isNotEqualTo(classPath);
        // SinkProcess launches the child with this JVM's java.class.path: swap it for the launch only.
        System.setProperty("java.class.path", withoutHadoop);
        try {
            return SinkProcess.start(config, log);
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }
}
