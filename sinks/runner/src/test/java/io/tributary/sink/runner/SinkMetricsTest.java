package io.tributary.sink.runner;

import io.tributary.sink.testing.EmbeddedBroker;
import io.tributary.sink.testing.MemorySink;
import io.tributary.sink.testing.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The runner's {@code /metrics} and {@code /health} ({@code metrics.listen}) after real traffic through a broker. */
class SinkMetricsTest {
    @TempDir
    Path dir;
    EmbeddedBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private SinkRunner runner(String sinkYaml) throws Exception {
        String yaml = "input:\n  bootstrap.servers: " + broker.bootstrap() + "\n  group: metrics-test\n"
                + "state-dir: " + dir.resolve("state") + "\nmetrics:\n  listen: 127.0.0.1:0\nsinks:\n" + sinkYaml;
        return SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load()));
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static double value(int port, String series) throws IOException, InterruptedException {
        String scrape = get(port, "/metrics");
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in\n" + scrape));
    }

    private static List<String> events(String prefix, int count, int badEvery) {
        List<String> events = new ArrayList<>(TestEvents.logEvents(prefix, 0, count));
        for (int i = 0; i < events.size(); i += badEvery) {
            events.set(i, events.get(i).replace(prefix + "-", "bad-"));
        }
        return events;
    }

    @Test
    void scheduledLoadsReportRowsDeadLettersRunTimesAndGroupLag() throws Exception {
        broker.createTopic("nightly", 2);
        MemorySink.reset("nightly");
        // A trigger far away: the test runs the loads itself (as --once does), so every figure is exact.
        try (SinkRunner runner = runner("  - type: memory\n    id: nightly\n    topics: [nightly]\n"
                + "    schedule: \"0 0 3 1 1 ? 2099\"\n    reject-containing: bad-\n").start()) {
            int port = runner.metricsPort();
            assertThat(get(port, "/health")).startsWith("200 ").contains("\"status\":\"UP\"", "\"sinks\":1");
            broker.produce("nightly", 2, events("n", 100, 25));
            assertThat(value(port, "tributary_sink_lag_records{sink=\"nightly\"}")).isEqualTo(100);
            assertThat(value(port, "tributary_sink_load_run_seconds_count{sink=\"nightly\"}")).isZero();

            runner.runOnce("nightly");
            assertThat(value(port, "tributary_sink_rows_loaded_total{sink=\"nightly\"}")).isEqualTo(96);
            assertThat(value(port, "tributary_sink_dead_letters_total{sink=\"nightly\"}")).isEqualTo(4);
            assertThat(value(port, "tributary_sink_load_run_seconds_count{sink=\"nightly\"}")).isEqualTo(1);
            assertThat(value(port, "tributary_sink_load_run_seconds_sum{sink=\"nightly\"}")).isPositive().isLessThan(30);
            assertThat(value(port, "tributary_sink_load_run_rows{sink=\"nightly\"}")).isEqualTo(96);
            assertThat(value(port, "tributary_sink_batches_total{sink=\"nightly\"}")).isPositive();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(value(port, "tributary_sink_lag_records{sink=\"nightly\"}")).isZero());

            broker.produce("nightly", 2, TestEvents.logEvents("later", 0, 30));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(value(port, "tributary_sink_lag_records{sink=\"nightly\"}")).isEqualTo(30));
        }
    }

    @Test
    void continuousSinksCountEveryCommittedBatchAndTheEndpointClosesWithTheRunner() throws Exception {
        broker.createTopic("stream", 3);
        MemorySink.reset("stream");
        int port;
        try (SinkRunner runner = runner("  - type: memory\n    id: stream\n    topics: [stream]\n"
                + "    batch: {max-records: 50, max-wait-ms: 50}\n").start()) {
            port = runner.metricsPort();
            broker.produce("stream", 3, TestEvents.logEvents("s", 0, 400));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(value(port, "tributary_sink_rows_loaded_total{sink=\"stream\"}")).isEqualTo(400));
            assertThat(value(port, "tributary_sink_batches_total{sink=\"stream\"}")).isBetween(8.0, 400.0);
            assertThat(value(port, "tributary_sink_batch_commit_seconds_count{sink=\"stream\"}"))
                    .isEqualTo(value(port, "tributary_sink_batches_total{sink=\"stream\"}"));
            assertThat(value(port, "tributary_sink_dead_letters_total{sink=\"stream\"}")).isZero();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(value(port, "tributary_sink_lag_records{sink=\"stream\"}")).isZero());
            assertThat(get(port, "/metrics")).contains("jvm_memory_used_bytes");
        }
        assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aBadListenAddressNamesTheKey() {
        String yaml = "input:\n  bootstrap.servers: 127.0.0.1:9\nmetrics:\n  listen: localhost\nsinks:\n"
                + "  - type: memory\n    id: x\n    topics: [t]\n";
        assertThatThrownBy(() -> SinkRunnerConfig.parse(yaml, SinkFactories.load()))
                .hasMessageStartingWith("metrics.listen: expected host:port");
        String unknown = "metrics:\n  port: 9646\nsinks:\n  - type: memory\n    id: x\n    topics: [t]\n";
        assertThatThrownBy(() -> SinkRunnerConfig.parse(unknown, SinkFactories.load()))
                .hasMessageStartingWith("metrics.port: unknown key");
    }
}
