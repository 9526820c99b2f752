package io.tributary.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code tributary_agent_source_file_lag_bytes{file}}: how far the agent is behind each tailed file. */
class FileLagMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static String scrape(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double lag(int port, Path file) throws IOException, InterruptedException {
        String series = "tributary_agent_source_file_lag_bytes{file=\"" + file + "\",source=\"logs\"}";
        String text = scrape(port);
        return text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in\n" + text));
    }

    @Test
    void lagIsTheUnreadRestOfEachFileAndGoesToZeroOnceTheBrokerTakesEverything() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path big = logs.resolve("big.log");
        Path small = logs.resolve("small.log");
        Files.writeString(big, ("x".repeat(90) + "\n").repeat(20_000));
        Files.writeString(small, "small\n".repeat(10));
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start()) {
            String bootstrap = broker.bootstrap();
            broker.stop();
            // The broker is down and the pipeline holds 100 events: the tailer stops early in big.log.
            String yaml = """
                    agent: { host: web-1, data-dir: %s }
                    pipeline: { max-events: 100 }
                    output: { bootstrap.servers: %s, linger: 5ms, unreachable-after: 500ms, request.timeout.ms: 1000 }
                    metrics: { listen: 127.0.0.1:0 }
                    sources:
                      - { type: file-tail, id: logs, topic: logs, paths: ['%s/*.log'], scan-interval: 50ms, poll-interval: 10ms }
                    """.formatted(tmp.resolve("agent"), bootstrap, logs);
            try (Agent agent = Agent.start(yaml, Map.of())) {
                int port = agent.metricsPort();
                await().atMost(WAIT).untilAsserted(() -> assertThat(lag(port, big)).isGreaterThan(1_000_000));
                assertThat(lag(port, big)).isLessThanOrEqualTo(Files.size(big));

                broker.start();
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(lag(port, big)).isZero();
                    assertThat(lag(port, small)).isZero();
                });
                // A file that stops matching (deleted) takes its series with it.
                Files.delete(small);
                await().atMost(WAIT).until(() -> !scrape(port).contains("small.log"));
            }
        }
    }
}
