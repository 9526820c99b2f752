package io.tributary.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The comparison table: one row per figure, broker-lite vs Kafka and their ratio. */
final class Report {
    record Metric(String key, String label, String unit, boolean higherIsBetter, int decimals,
                  ToDoubleFunction<BrokerResult> value) {}

    record Row(Metric metric, double lite, double kafka) {
        double ratio() {
            return Double.isNaN(lite) || Double.isNaN(kafka) || kafka == 0 ? Double.NaN : lite / kafka;
        }
    }

    static final List<Metric> METRICS = List.of(
            new Metric("launchToReadySeconds", "Launch to ready", "s", false, 2, r -> r.readySeconds),
            step(BrokerResult.PRODUCE_ACKS1, "recordsPerSec", "Produce acks=1", "records/s", true, 0, s -> s.recordsPerSec),
            step(BrokerResult.PRODUCE_ACKS1, "mbPerSec", "Produce acks=1", "MB/s", true, 2, s -> s.mbPerSec),
            step(BrokerResult.PRODUCE_ACKS1, "avgLatencyMs", "Produce acks=1 avg latency", "ms", false, 1, s -> s.avgLatencyMs),
            step(BrokerResult.PRODUCE_ACKS1, "p99LatencyMs", "Produce acks=1 p99 latency", "ms", false, 0, s -> s.p99LatencyMs),
            step(BrokerResult.PRODUCE_ACKSALL, "recordsPerSec", "Produce acks=all", "records/s", true, 0, s -> s.recordsPerSec),
            step(BrokerResult.PRODUCE_ACKSALL, "mbPerSec", "Produce acks=all", "MB/s", true, 2, s -> s.mbPerSec),
            step(BrokerResult.PRODUCE_ACKSALL, "avgLatencyMs", "Produce acks=all avg latency", "ms", false, 1, s -> s.avgLatencyMs),
            step(BrokerResult.PRODUCE_ACKSALL, "p99LatencyMs", "Produce acks=all p99 latency", "ms", false, 0, s -> s.p99LatencyMs),
            step(BrokerResult.CONSUME_ASSIGN, "recordsPerSec", "Consume, assign() consumer", "records/s", true, 0, s -> s.recordsPerSec),
            step(BrokerResult.CONSUME_ASSIGN, "mbPerSec", "Consume, assign() consumer", "MB/s", true, 2, s -> s.mbPerSec),
            step(BrokerResult.CONSUME_GROUP, "recordsPerSec", "Consume, ConsumerPerformance (group)", "records/s", true, 0, s -> s.recordsPerSec),
            step(BrokerResult.CONSUME_GROUP, "mbPerSec", "Consume, ConsumerPerformance (group)", "MB/s", true, 2, s -> s.mbPerSec),
            new Metric("coreCpuSeconds", "Broker CPU, produce+consume", "CPU s", false, 2, r -> r.coreCpuSeconds),
            new Metric("cpuSecondsPerGiB", "Broker CPU per GiB transferred", "CPU s/GiB", false, 2, BrokerResult::cpuSecondsPerGiB),
            new Metric("peakRssUnderLoadMiB", "Broker peak RSS under load", "MiB", false, 0,
                    r -> r.peakRssKiB < 0 ? Double.NaN : r.peakRssKiB / 1024.0),
            new Metric("rssAfterReadyMiB", "Broker RSS when ready (idle)", "MiB", false, 0,
                    r -> r.rssAfterReadyKiB < 0 ? Double.NaN : r.rssAfterReadyKiB / 1024.0));

    private static Metric step(String step, String field, String label, String unit, boolean higher, int decimals,
                               ToDoubleFunction<StepResult> f) {
        return new Metric(step + "." + field, label, unit, higher, decimals, r -> {
            StepResult s = r.step(step);
            return s == null || !s.ok ? Double.NaN : f.applyAsDouble(s);
        });
    }

    static List<Row> rows(BrokerResult lite, BrokerResult kafka) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            rows.add(new Row(m, lite == null ? Double.NaN : m.value().applyAsDouble(lite),
                    kafka == null ? Double.NaN : m.value().applyAsDouble(kafka)));
        }
        return rows;
    }

    static String text(List<Row> rows, String liteName, String kafkaName) {
        String[] head = {"Figure", "Unit", liteName, kafkaName, "lite/Kafka", "Better"};
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(cells(r));
        }
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] c : cells) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, head, w);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            sep.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        }
        sb.append(sep).append('\n');
        for (String[] c : cells) {
            appendLine(sb, c, w);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] c, int[] w) {
        for (int i = 0; i < c.length; i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            String pad = " ".repeat(w[i] - c[i].length());
            sb.append(i >= 2 && i <= 4 ? pad + c[i] : c[i] + pad);
        }
        sb.append('\n');
    }

    private static String[] cells(Row r) {
        Metric m = r.metric();
        return new String[] {m.label(), m.unit(), Fmt.num(r.lite(), m.decimals()), Fmt.num(r.kafka(), m.decimals()),
                Double.isNaN(r.ratio()) ? "n/a" : Fmt.num(r.ratio(), 2) + "x", m.higherIsBetter() ? "higher" : "lower"};
    }

    static String markdownTable(List<Row> rows, String liteName, String kafkaName) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Figure | Unit | ").append(liteName).append(" | ").append(kafkaName)
                .append(" | lite/Kafka | Better |\n");
        sb.append("|---|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            String[] c = cells(r);
            sb.append("| ").append(String.join(" | ", c)).append(" |\n");
        }
        return sb.toString();
    }

    static List<Map<String, Object>> jsonRows(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", r.metric().key());
            m.put("figure", r.metric().label());
            m.put("unit", r.metric().unit());
            m.put("brokerLite", r.lite());
            m.put("kafka", r.kafka());
            m.put("ratioLiteOverKafka", r.ratio());
            m.put("better", r.metric().higherIsBetter() ? "higher" : "lower");
            out.add(m);
        }
        return out;
    }
}
