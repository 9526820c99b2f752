package io.tributary.cli.quickstart;

import io.tributary.agent.Agent;
import io.tributary.agent.AgentConfigException;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import io.tributary.cli.CliException;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.runner.LoadReport;
import io.tributary.sink.runner.SinkRunner;
import io.tributary.sink.runner.SinkRunnerConfig;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every role in one process, wired the way they would run on three machines: an embedded
 * broker-lite, the demo {@link AccessLogWriter}, an {@link Agent} tailing that log and sampling
 * this host's metrics, and a {@link SinkRunner} loading both topics into a DuckDB file on a cron
 * schedule. The agent and sinks are started from the YAML files written into the data directory,
 * through the same entry points as {@code tributary agent} and {@code tributary sink}.
 *
 * <ol>
 *   <li>{@link #start} starts broker, topics, log writer, agent and sinks, in that order (a
 *       failure stops what already runs and throws a {@link CliException} naming the cause).</li>
 *   <li>{@link #progress} may be asked from another thread while it runs.</li>
 *   <li>{@link #stop} stops the writer, closes the agent (every event acknowledged), runs one
 *       final load of each sink so the warehouse holds everything shipped, then stops sinks and
 *       broker. Call it once.</li>
 * </ol>
 */
public final class Quickstart {
    private static final Logger log = LoggerFactory.getLogger(Quickstart.class);
    /** Every role serves /metrics and /health on a free loopback port; {@link #metricsUrls} says which. */
    static final String METRICS_LISTEN = "127.0.0.1:0";

    private final QuickstartSettings settings;
    private final long startedNanos = System.nanoTime();
    private long runningNanos;
    private final List<AutoCloseable> started = new ArrayList<>();
    private BrokerLite broker;
    private QuickstartAdmin admin;
    private AccessLogWriter writer;
    private Agent agent;
    private SinkRunner sinks;

    private Quickstart(QuickstartSettings settings) {
        this.settings = settings;
    }

    public static Quickstart start(QuickstartSettings settings) throws InterruptedException {
        Quickstart quickstart = new Quickstart(settings);
        try {
            quickstart.startAll();
            quickstart.runningNanos = System.nanoTime();
            return quickstart;
        } catch (InterruptedException | RuntimeException e) {
            quickstart.closeStarted();
            throw e;
        }
    }

    private void startAll() throws InterruptedException {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new CliException("cannot create the data directory " + settings.dataDir() + ": " + e.getMessage());
        }
        startBroker();
        String bootstrap = broker.bootstrapServers();
        admin = track(new QuickstartAdmin(bootstrap, Map.of(
                QuickstartConfigs.LOGS_GROUP, QuickstartConfigs.LOGS_TOPIC,
                QuickstartConfigs.METRICS_GROUP, QuickstartConfigs.METRICS_TOPIC)));
        try {
            admin.createTopics(Set.of(QuickstartConfigs.LOGS_TOPIC, QuickstartConfigs.METRICS_TOPIC));
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("cannot create the topics on the embedded broker: " + e.getMessage());
        }
        try {
            writer = track(new AccessLogWriter(settings.accessLog(), settings.linesPerSecond(),
                    new AccessLogLines(new SplittableRandom(), ZoneId.systemDefault()), Clock.systemDefaultZone()).start());
        } catch (IOException e) {
            throw new CliException("cannot write the demo access log " + settings.accessLog() + ": " + e.getMessage());
        }
        writeConfig(settings.agentConfig(), QuickstartConfigs.agentYaml(bootstrap, settings.dataDir(), settings.accessLog(),
                settings.metricsInterval().toString()));
        writeConfig(settings.sinkConfig(), QuickstartConfigs.sinkYaml(bootstrap, settings.dataDir(), settings.warehouse(),
                settings.cron()));
        startAgent();
        startSinks();
    }

    private void startBroker() throws InterruptedException {
        BrokerConfig config = BrokerConfig.defaults(settings.dataDir().resolve("broker")).withListen(settings.listen())
                .withMetricsListen(METRICS_LISTEN);
        try {
            broker = track(BrokerLite.start(config));
        } catch (BindException e) {
            throw new CliException("cannot listen on " + settings.listen() + ": " + e.getMessage()
                    + " (is a broker running? pick another address with --listen, e.g. --listen 127.0.0.1:0)");
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot start the embedded broker in " + config.dataDir() + ": " + e.getMessage());
        }
    }

    private void startAgent() {
        try {
            agent = track(Agent.start(settings.agentConfig()));
        } catch (AgentConfigException e) {
            throw new CliException("the agent rejected " + settings.agentConfig() + ": " + String.join("; ",
                    e.errors().stream().map(Object::toString).toList()));
        } catch (Exception e) {
            throw new CliException("cannot start the agent: " + e.getMessage());
        }
    }

    private void startSinks() {
        try {
            sinks = track(SinkRunner.open(SinkRunnerConfig.load(settings.sinkConfig())));
            sinks.start();
        } catch (SinkException | RuntimeException e) {
            throw new CliException("cannot start the sinks: " + e.getMessage());
        }
    }

    private static void writeConfig(Path file, String yaml) {
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        started.add(closeable);
        return closeable;
    }

    public QuickstartSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The agent running here (its stats and metrics). */
    public Agent agent() {
        return agent;
    }

    /** The sink runner running here (its load reports and metrics). */
    public SinkRunner sinks() {
        return sinks;
    }

    /** Each role's Prometheus endpoint ({@code /health} beside it), in data-flow order. */
    public Map<String, String> metricsUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        broker.metricsPort().ifPresent(port -> urls.put("broker", url(port)));
        if (agent.metricsPort() > 0) {
            urls.put("agent", url(agent.metricsPort()));
        }
        if (sinks.metricsPort() > 0) {
            urls.put("sinks", url(sinks.metricsPort()));
        }
        return urls;
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    /** Where things stand now; asks the broker for the lag (at most a couple of seconds). */
    public Progress progress() throws InterruptedException {
        List<LoadReport> reports = sinks.reports();
        var stats = agent.stats();
        long tailed = agent.emittedBySource().getOrDefault(QuickstartConfigs.ACCESS_LOG_SOURCE, 0L);
        return new Progress(elapsed(), writer.linesWritten(), tailed, stats.sent(), admin.total(),
                reports.stream().mapToLong(LoadReport::rows).sum(), reports.size(), stats.brokerReachable());
    }

    /** Why the run cannot go on (the log writer or a sink failed), or null while all is well. */
    public String failure() {
        if (writer.failure() != null) {
            return "cannot write the demo access log " + writer.file() + ": " + writer.failure().getMessage();
        }
        if (sinks.failure().isDone()) {
            return "a sink failed: " + sinks.failure().join().getMessage();
        }
        return null;
    }

    /** Stops everything in data-flow order, with a final load; see the class comment. */
    public QuickstartSummary stop() throws InterruptedException {
        long stopping = System.nanoTime();
        writer.close();
        long lines = writer.linesWritten();
        agent.close();
        long shipped = agent.stats().sent();
        if (!sinks.failure().isDone()) {
            for (String name : sinks.sinkNames()) {
                try {
                    sinks.runOnce(name);
                } catch (SinkException | RuntimeException e) {
                    log.warn("final load of sink {} failed: {}", name, e.getMessage());
                }
            }
        }
        List<LoadReport> reports = sinks.reports();
        closeStarted();
        Duration startup = Duration.ofNanos(runningNanos - startedNanos);
        Duration running = Duration.ofNanos(stopping - runningNanos);
        Duration shutdown = Duration.ofNanos(System.nanoTime() - stopping);
        Map<String, Long> rows = new LinkedHashMap<>();
        sinks.sinkNames().forEach(name -> rows.put(name, 0L));
        reports.forEach(r -> rows.merge(r.sink(), r.rows(), Long::sum));
        return new QuickstartSummary(startup, running, shutdown, lines, shipped, rows,
                reports.stream().mapToLong(LoadReport::rejected).sum(), reports.size());
    }

    /** Since every role is running. */
    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - runningNanos);
    }

    /** Closes what was started, newest first. */
    private void closeStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", started.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        started.clear();
    }
}
