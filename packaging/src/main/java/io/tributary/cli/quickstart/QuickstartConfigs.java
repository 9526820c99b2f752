package io.tributary.cli.quickstart;

import java.nio.file.Path;

/**
 * The agent and sink configs the quickstart runs, as the YAML a user would write for
 * {@code tributary agent --config} and {@code tributary sink --config}. They are written into the
 * data directory ({@code agent.yaml}, {@code sink.yaml}) so the user can read what ran and start
 * the roles separately from them.
 */
public final class QuickstartConfigs {
    public static final String LOGS_TOPIC = "logs";
    public static final String METRICS_TOPIC = "metrics";
    /** The agent's file-tail source id. */
    public static final String ACCESS_LOG_SOURCE = "access-log";
    /** Each sink has its own consumer group: two scheduled runs never rebalance each other. */
    public static final String LOGS_GROUP = "quickstart-logs";
    public static final String METRICS_GROUP = "quickstart-metrics";

    private QuickstartConfigs() {
    }

    /** A file-tail source on the demo access log and a host-metrics source, shipping to {@code bootstrap}. */
    public static String agentYaml(String bootstrap, Path dataDir, Path accessLog, String metricsInterval) {
        return """
                # Written by `tributary quickstart`: the agent it runs in-process.
                agent:
                  data-dir: %s
                  shutdown-timeout: 5s
                output:
                  bootstrap.servers: %s
                  linger: 20ms
                metrics:
                  listen: 127.0.0.1:0
                sources:
                  - type: file-tail
                    id: %s
                    topic: %s
                    paths: [%s]
                    start-at: beginning
                    poll-interval: 100ms
                  - type: host-metrics
                    id: host-metrics
                    topic: %s
                    interval: %s
                    metrics: [cpu, load, memory, filesystem, network]
                    per-cpu: false
                """.formatted(quote(dataDir.toAbsolutePath().resolve("agent")), bootstrap, ACCESS_LOG_SOURCE, LOGS_TOPIC,
                quote(accessLog.toAbsolutePath()), METRICS_TOPIC, metricsInterval);
    }

    /**
     * Two DuckDB sinks into one warehouse file on the same cron schedule: log events as
     * {@code logs} (the built-in log-event mapping: ts, host, source, body, attributes) and metric
     * events as {@code metrics} (ts, host, source, metric, attributes, fields).
     */
    public static String sinkYaml(String bootstrap, Path dataDir, Path warehouse, String cron) {
        String url = quote("jdbc:duckdb:" + warehouse.toAbsolutePath());
        return """
                # Written by `tributary quickstart`: the sinks it runs in-process.
                input:
                  bootstrap.servers: %s
                state-dir: %s
                metrics:
                  listen: 127.0.0.1:0
                sinks:
                  - type: duckdb
                    name: logs
                    topics: [%s]
                    group: %s
                    schedule: %s
                    url: %s
                    table: logs
                    mapping: log-event
                  - type: duckdb
                    name: metrics
                    topics: [%s]
                    group: %s
                    schedule: %s
                    url: %s
                    table: metrics
                    columns:
                      ts: {path: $.timestamp, type: timestamp, required: true}
                      host: $.host
                      source: $.source
                      metric: $.attributes.metric
                      attributes: {path: $.attributes, type: json}
                      fields: {path: $.fields, type: json}
                """.formatted(bootstrap, quote(dataDir.resolve("sink").toAbsolutePath()),
                LOGS_TOPIC, LOGS_GROUP, quote(cron), url,
                METRICS_TOPIC, METRICS_GROUP, quote(cron), url);
    }

    /** A YAML single-quoted scalar: safe for any path or host name. */
    static String quote(Object value) {
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
