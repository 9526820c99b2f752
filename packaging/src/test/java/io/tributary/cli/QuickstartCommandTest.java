package io.tributary.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code tributary quickstart}: the whole pipeline in one process, checked in its warehouse. */
class QuickstartCommandTest {
    private static final Pattern COMBINED = Pattern.compile(
            "\\d+\\.\\d+\\.\\d+\\.\\d+ - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] \"[A-Z]+ \\S+ HTTP/1\\.1\" \\d{3} \\d+ \"[^\"]*\" \"[^\"]+\"");

    @TempDir
    Path dir;

    private static String[] quickstart(Path dataDir, String duration) {
        return new String[]{"quickstart", "--data-dir", dataDir.toString(), "--duration", duration,
                "--listen", "127.0.0.1:0", "--rate", "100", "--metrics-interval", "1s",
                "--schedule", "0/2 * * * * ?", "--progress", "plain"};
    }

    @Test
    void loadsTheAccessLogAndHostMetricsIntoDuckDbExactlyOnceAcrossTwoRuns() throws Exception {
        Path data = dir.resolve("qs");
        Cli.Result first = Cli.run(quickstart(data, "5s"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertWarehouseHoldsEveryLineOnce(data);
        long metricsAfterFirst = count(data, "SELECT count(*) FROM metrics");
        assertThat(metricsAfterFirst).isPositive();
        assertThat(count(data, "SELECT count(*) FROM metrics WHERE metric = 'cpu' AND (attributes->>'cpu') = 'cpu-total'"
                + " AND CAST(fields->>'usage' AS DOUBLE) BETWEEN 0 AND 1")).isPositive();
        assertThat(count(data, "SELECT count(DISTINCT metric) FROM metrics")).isGreaterThanOrEqualTo(3);
        assertThat(first.out()).contains("Running for 5.0 s", "rows loaded", "Top 5 paths by hits:", "Responses by status:",
                "CPU use per 10 s", data.resolve("warehouse.duckdb").toString());
        assertThat(first.out()).containsPattern("Quickstart ran \\d+\\.\\d s \\(start-up \\d+\\.\\d s, stop with the final load \\d+\\.\\d s\\)");
        // The cron schedule ran loads while it was running, besides the final one per sink.
        assertThat(first.out()).containsPattern("in ([3-9]|\\d\\d+) load runs");
        assertThat(first.out()).containsPattern("log lines \\d+  tailed \\d+( \\(\\d+/s\\))?  shipped \\d+.*  broker lag (\\d+|\\?)  loaded \\d+ rows");
        assertThat(Files.readString(data.resolve("agent.yaml"))).contains("type: file-tail", "type: host-metrics");
        assertThat(Files.readString(data.resolve("sink.yaml"))).contains("schedule: '0/2 * * * * ?'");

        // Same data dir again: the agent resumes at its checkpoint and the sinks at their stored offsets.
        Cli.Result second = Cli.run(quickstart(data, "3s"));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertWarehouseHoldsEveryLineOnce(data);
        assertThat(count(data, "SELECT count(*) FROM metrics")).isGreaterThan(metricsAfterFirst);
    }

    private void assertWarehouseHoldsEveryLineOnce(Path data) throws IOException, SQLException {
        List<String> lines = Files.readAllLines(data.resolve("logs/access.log"));
        assertThat(lines).isNotEmpty().allMatch(line -> COMBINED.matcher(line).matches());
        assertThat(count(data, "SELECT count(*) FROM logs")).isEqualTo(lines.size());
        assertThat(count(data, "SELECT count(DISTINCT body) FROM logs")).isEqualTo(lines.stream().distinct().count());
        assertThat(count(data, "SELECT count(*) FROM logs WHERE regexp_extract(body, '\" ([0-9]{3}) ', 1) = '200'"))
                .isGreaterThan(lines.size() / 2);
    }

    private static long count(Path data, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve("warehouse.duckdb"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sigtermStopsCleanlyWithSummaryAndLogsGoToTheDataDir() throws Exception {
        Path data = dir.resolve("signal");
        Path out = dir.resolve("stdout.txt");
        Process process = child(data, out);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> read(out).contains("press Ctrl-C to stop"));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(data.resolve("logs/access.log"))
                    && Files.size(data.resolve("logs/access.log")) > 2_000);
            Matcher urls = Pattern.compile("metrics +broker (\\S+), agent (\\S+), sinks (\\S+)").matcher(read(out));
            assertThat(urls.find()).as(read(out)).isTrue();
            // Every role serves Prometheus text with its own series, and values that follow the traffic.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String broker = get(urls.group(1));
                assertThat(value(broker, "tributary_broker_bytes_in_total")).isGreaterThan(2_000);
                assertThat(value(broker, "tributary_broker_partitions")).isEqualTo(2);
                String agent = get(urls.group(2));
                assertThat(value(agent, "tributary_agent_events_emitted_total{source=\"access-log\"}")).isGreaterThan(10);
                assertThat(value(agent, "tributary_agent_events_emitted_total{source=\"host-metrics\"}")).isPositive();
                assertThat(value(agent, "tributary_agent_events_sent_total")).isGreaterThan(10);
                assertThat(value(agent, "tributary_agent_broker_reachable")).isEqualTo(1);
                String sinks = get(urls.group(3));
                assertThat(value(sinks, "tributary_sink_rows_loaded_total{sink=\"logs\"}")).isGreaterThan(10);
                assertThat(value(sinks, "tributary_sink_rows_loaded_total{sink=\"metrics\"}")).isPositive();
                assertThat(value(sinks, "tributary_sink_load_run_seconds_count{sink=\"logs\"}")).isPositive();
                assertThat(value(sinks, "tributary_sink_lag_records{sink=\"logs\"}")).isNotNaN().isNotNegative();
            });
            for (String metrics : List.of(urls.group(1), urls.group(2), urls.group(3))) {
                assertThat(get(metrics.replace("/metrics", "/health"))).contains("\"status\":\"UP\"");
            }
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String printed = read(out);
        assertThat(printed).contains("Stopping: flushing the agent", "Quickstart ran", "Top 5 paths by hits:")
                .doesNotContain("Exception", "\tat ");
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(Files.readString(data.resolve("quickstart.log"))).contains("broker-lite listening", "agent stopped");
        assertWarehouseHoldsEveryLineOnce(data);
    }

    /** {@code tributary quickstart} in a JVM of its own, running until it is signalled. */
    private static Process child(Path data, Path out) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "io.tributary.cli.Tributary",
                "quickstart", "--data-dir", data.toString(), "--listen", "127.0.0.1:0", "--metrics-interval", "1s",
                "--rate", "200", "--schedule", "0/1 * * * * ?", "--progress", "plain")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    @Test
    void killDash9MidRunThenARestartLosesNoLogLine() throws Exception {
        Path data = dir.resolve("crash");
        Path out = dir.resolve("crash.txt");
        Process process = child(data, out);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> read(out).contains("press Ctrl-C to stop"));
            // Killed while lines are being tailed, shipped and loaded (a load runs every second).
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.size(data.resolve("logs/access.log")) > 60_000
                    && read(data.resolve("quickstart.log")).contains("load run loaded"));
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(read(out)).doesNotContain("Quickstart ran");

        Cli.Result restarted = Cli.run(quickstart(data, "2s"));
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        // At least once end to end: the agent resends what it had not checkpointed, so a line may
        // arrive twice, but none is missing.
        List<String> lines = Files.readAllLines(data.resolve("logs/access.log"));
        java.util.Set<String> loaded = new java.util.HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve("warehouse.duckdb"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT body FROM logs")) {
            while (rs.next()) {
                loaded.add(rs.getString(1));
            }
        }
        assertThat(lines.size()).isGreaterThan(300);
        assertThat(lines).allMatch(loaded::contains);
        assertThat(count(data, "SELECT count(*) FROM logs")).isBetween((long) lines.size(), lines.size() + 2_000L);
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** The value of one Prometheus series, {@code name} including its labels exactly as printed. */
    private static double value(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(name + " not in\n" + scrape));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTakenPortIsOneClearLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result result = Cli.run("quickstart", "--data-dir", dir.resolve("port").toString(), "--duration", "2s",
                    "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.err()).startsWith("tributary quickstart: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--listen");
        }
    }

    @Test
    void badUsageExits2NamingTheOption() {
        record Case(String[] args, String message) {
        }
        Path data = dir.resolve("usage");
        for (Case c : List.of(
                new Case(new String[]{"--rate", "0"}, "--rate: must be between 0 and 100000"),
                new Case(new String[]{"--schedule", "every ten seconds"}, "--schedule: not a Quartz cron expression"),
                new Case(new String[]{"--duration", "soon"}, "'soon' is not a duration"),
                new Case(new String[]{"--metrics-interval", "500ms"}, "--metrics-interval: must be at least 1s"),
                new Case(new String[]{"--progress", "fancy"}, "--progress"))) {
            String[] args = new String[c.args().length + 3];
            args[0] = "quickstart";
            args[1] = "--data-dir";
            args[2] = data.toString();
            System.arraycopy(c.args(), 0, args, 3, c.args().length);
            Cli.Result result = Cli.run(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.errLines()).as(result.err()).hasSize(1);
            assertThat(result.err()).startsWith("tributary quickstart: ").contains(c.message());
        }
        assertThat(data).doesNotExist();

        Cli.Result glob = Cli.run("quickstart", "--data-dir", dir.resolve("qs[1]").toString());
        assertThat(glob.exitCode()).isEqualTo(2);
        assertThat(glob.err()).contains("--data-dir: ", "qs[1] contains one of * ? [ ] { }");
    }

    @Test
    void helpDocumentsEveryOption() {
        Cli.Result help = Cli.run("quickstart", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data-dir", "--duration", "--listen", "--rate", "--metrics-interval", "--schedule",
                "--progress", "warehouse.duckdb", "Ctrl-C", "0/10 * * * * ?");
    }
}
