package io.tributary.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the summary lines printed by Kafka's perf tools and by {@link AssignConsumerPerformance}. */
final class PerfOutput {
    private PerfOutput() {}

    private static final String NUM = "([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)";

    /**
     * ProducerPerformance's final line, e.g. {@code 5000000 records sent, 812345.6 records/sec (77.47 MB/sec),
     * 12.34 ms avg latency, 345.00 ms max latency, 10 ms 50th, 20 ms 95th, 30 ms 99th, 40 ms 99.9th.}
     */
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, " + NUM + " records/sec \\(" + NUM + " MB/sec\\), " + NUM + " ms avg latency, "
                    + NUM + " ms max latency, " + NUM + " ms 50th, " + NUM + " ms 95th, " + NUM + " ms 99th, "
                    + NUM + " ms 99\\.9th");

    static StepResult parseProducer(String stdout, StepResult r) {
        Matcher m = PRODUCER_SUMMARY.matcher(stdout);
        String last = null;
        while (m.find()) {
            last = m.group();
            r.records = Long.parseLong(m.group(1));
            r.recordsPerSec = Double.parseDouble(m.group(2));
            r.mbPerSec = Double.parseDouble(m.group(3));
            r.avgLatencyMs = Double.parseDouble(m.group(4));
            r.maxLatencyMs = Double.parseDouble(m.group(5));
            r.p50LatencyMs = Double.parseDouble(m.group(6));
            r.p95LatencyMs = Double.parseDouble(m.group(7));
            r.p99LatencyMs = Double.parseDouble(m.group(8));
            r.p999LatencyMs = Double.parseDouble(m.group(9));
        }
        if (last == null) {
            throw new IllegalStateException("no ProducerPerformance summary line in its output");
        }
        r.summaryLine = last;
        return r;
    }

    /**
     * ConsumerPerformance prints a header line starting with {@code start.time, end.time, data.consumed.in.MB, MB.sec,
     * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec} and one data row.
     */
    static StepResult parseConsumerPerformance(String stdout, StepResult r) {
        String[] lines = stdout.split("\\R");
        for (int i = 0; i < lines.length - 1; i++) {
            if (!lines[i].startsWith("start.time")) {
                continue;
            }
            String[] header = lines[i].split(",\\s*");
            String[] row = lines[i + 1].split(",\\s*");
            if (row.length != header.length) {
                continue;
            }
            double mb = Double.NaN;
            for (int c = 0; c < header.length; c++) {
                String v = row[c].trim();
                switch (header[c].trim()) {
                    case "data.consumed.in.MB" -> mb = Double.parseDouble(v);
                    case "MB.sec" -> r.mbPerSec = Double.parseDouble(v);
                    case "data.consumed.in.nMsg" -> r.records = Long.parseLong(v);
                    case "nMsg.sec" -> r.recordsPerSec = Double.parseDouble(v);
                    case "rebalance.time.ms" -> r.rebalanceMs = Double.parseDouble(v);
                    case "fetch.MB.sec" -> r.fetchMbPerSec = Double.parseDouble(v);
                    case "fetch.nMsg.sec" -> r.fetchRecordsPerSec = Double.parseDouble(v);
                    default -> { }
                }
            }
            r.bytes = Math.round(mb * 1024 * 1024);
            r.summaryLine = lines[i + 1].trim();
            return r;
        }
        throw new IllegalStateException("no ConsumerPerformance result row in its output");
    }

    /** {@code ASSIGN-CONSUMER-RESULT records=... bytes=... elapsed.ms=... records.per.sec=... mb.per.sec=...}. */
    private static final Pattern ASSIGN_SUMMARY = Pattern.compile(
            AssignConsumerPerformance.RESULT_PREFIX + " records=(\\d+) bytes=(\\d+) elapsed\\.ms=" + NUM
                    + " records\\.per\\.sec=" + NUM + " mb\\.per\\.sec=" + NUM);

    static StepResult parseAssignConsumer(String stdout, StepResult r) {
        Matcher m = ASSIGN_SUMMARY.matcher(stdout);
        if (!m.find()) {
            throw new IllegalStateException("no " + AssignConsumerPerformance.RESULT_PREFIX + " line in its output");
        }
        r.records = Long.parseLong(m.group(1));
        r.bytes = Long.parseLong(m.group(2));
        r.recordsPerSec = Double.parseDouble(m.group(4));
        r.mbPerSec = Double.parseDouble(m.group(5));
        r.summaryLine = m.group();
        return r;
    }
}
