package io.tributary.cli.quickstart;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a quickstart run did, after its final load.
 *
 * @param startup       from start to all roles running
 * @param running       from then until the stop began
 * @param shutdown      the stop: agent flushed, final loads, everything closed
 * @param linesWritten  demo access log lines written
 * @param eventsShipped events the broker acknowledged to the agent
 * @param rowsBySink    rows loaded per sink (logs, metrics), in config order
 * @param rejected      records sent to dead letters
 * @param loadRuns      load runs (scheduled ones plus the final one per sink)
 */
public record QuickstartSummary(Duration startup, Duration running, Duration shutdown, long linesWritten, long eventsShipped, Map<String, Long> rowsBySink,
                                long rejected, int loadRuns) {
    public QuickstartSummary {
        rowsBySink = Collections.unmodifiableMap(new LinkedHashMap<>(rowsBySink));
    }

    public long rowsLoaded() {
        return rowsBySink.values().stream().mapToLong(Long::longValue).sum();
    }
}
