package io.tributary.sink.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The agent's JSON events, as the sinks receive them. */
public final class TestEvents {
    private TestEvents() {
    }

    /** {@code count} log events with bodies {@code prefix-0 ...}, one second apart from 2026-12-01T10:00:00Z. */
    public static List<String> logEvents(String prefix, int from, int count) {
        List<String> events = new ArrayList<>(count);
        Instant base = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = from; i < from + count; i++) {
            events.add(logEvent(base.plusSeconds(i), "web-" + (i % 3), prefix + "-" + i));
        }
        return events;
    }

    public static String logEvent(Instant timestamp, String host, String body) {
        return "{\"timestamp\":\"" + timestamp + "\",\"host\":\"" + host + "\",\"source\":\"file:/var/log/app.log\","
                + "\"body\":\"" + body + "\",\"attributes\":{\"level\":\"INFO\",\"line\":" + body.length() + "}}";
    }

    public static String metricEvent(Instant timestamp, String host, double cpu) {
        return "{\"timestamp\":\"" + timestamp + "\",\"host\":\"" + host + "\",\"source\":\"host-metrics\","
                + "\"fields\":{\"cpu.user\":" + cpu + ",\"mem.used\":1048576}}";
    }
}
