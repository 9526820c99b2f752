package io.tributary.cli.quickstart;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one quickstart run uses.
 *
 * @param dataDir         everything lives here: broker/, agent/, sink/, logs/access.log, warehouse.duckdb
 * @param listen          the embedded broker's {@code host:port} (port 0 = any free port)
 * @param linesPerSecond  how fast the demo access log grows
 * @param metricsInterval how often host metrics are sampled
 * @param cron            the sinks' Quartz cron schedule
 */
public record QuickstartSettings(Path dataDir, String listen, double linesPerSecond, Duration metricsInterval, String cron) {
    public Path accessLog() {
        return dataDir.resolve("logs").resolve("access.log");
    }

    public Path warehouse() {
        return dataDir.resolve("warehouse.duckdb");
    }

    public Path agentConfig() {
        return dataDir.resolve("agent.yaml");
    }

    public Path sinkConfig() {
        return dataDir.resolve("sink.yaml");
    }

    public Path logFile() {
        return dataDir.resolve("quickstart.log");
    }
}
