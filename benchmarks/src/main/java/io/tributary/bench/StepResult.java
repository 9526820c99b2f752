package io.tributary.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One produce or consume run against one broker. */
final class StepResult {
    final String name;
    final String tool;
    boolean ok;
    String error;
    long records = -1;
    long bytes = -1;
    double recordsPerSec = Double.NaN;
    double mbPerSec = Double.NaN;
    double avgLatencyMs = Double.NaN;
    double maxLatencyMs = Double.NaN;
    double p50LatencyMs = Double.NaN;
    double p95LatencyMs = Double.NaN;
    double p99LatencyMs = Double.NaN;
    double p999LatencyMs = Double.NaN;
    double rebalanceMs = Double.NaN;
    double fetchMbPerSec = Double.NaN;
    double fetchRecordsPerSec = Double.NaN;
    double wallSeconds = Double.NaN;
    double brokerCpuSeconds = Double.NaN;
    String summaryLine;

    StepResult(String name, String tool) {
        this.name = name;
        this.tool = tool;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", tool);
        m.put("ok", ok);
        m.put("error", error);
        m.put("records", records);
        m.put("payloadBytes", bytes);
        m.put("recordsPerSec", recordsPerSec);
        m.put("mbPerSec", mbPerSec);
        m.put("avgLatencyMs", avgLatencyMs);
        m.put("maxLatencyMs", maxLatencyMs);
        m.put("p50LatencyMs", p50LatencyMs);
        m.put("p95LatencyMs", p95LatencyMs);
        m.put("p99LatencyMs", p99LatencyMs);
        m.put("p999LatencyMs", p999LatencyMs);
        m.put("rebalanceMs", rebalanceMs);
        m.put("fetchMbPerSec", fetchMbPerSec);
        m.put("fetchRecordsPerSec", fetchRecordsPerSec);
        m.put("toolWallSeconds", wallSeconds);
        m.put("brokerCpuSeconds", brokerCpuSeconds);
        m.put("summaryLine", summaryLine);
        return m;
    }
}
