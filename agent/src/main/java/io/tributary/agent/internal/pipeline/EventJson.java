package io.tributary.agent.internal.pipeline;

import io.tributary.plugin.api.Event;
import java.util.Map;

/**
 * Writes an {@link Event} as the JSON value of its Kafka record:
 *
 * <pre>{@code
 * {"timestamp":"2026-12-01T18:00:00.123Z","host":"web-1","source":"nginx",
 *  "body":"GET / 200","fields":{"cpu.total":0.25},"attributes":{"path":"/var/log/nginx/access.log"}}
 * }</pre>
 *
 * {@code timestamp} is ISO-8601 in UTC with milliseconds (micro- or nanoseconds when the event has
 * them). {@code body}, {@code fields} and {@code attributes} are left out when empty; non-finite
 * numbers in fields are written as {@code null}. Thread-safe (one buffer per thread).
 */
public final class EventJson {
    private final Timestamps timestamps = new Timestamps();
    private final ThreadLocal<JsonBytes> buffers = ThreadLocal.withInitial(JsonBytes::new);

    public byte[] write(Event event) {
        JsonBytes out = buffers.get();
        out.reset();
        out.ascii("{\"timestamp\":\"");
        out.ascii(timestamps.format(event.timestamp()));
        out.ascii("\",\"host\":");
        out.string(event.host());
        out.ascii(",\"source\":");
        out.string(event.sourceId());
        if (event.body() != null) {
            out.ascii(",\"body\":");
            out.string(event.body());
        }
        if (!event.fields().isEmpty()) {
            out.ascii(",\"fields\":");
            out.value(event.fields());
        }
        if (!event.attributes().isEmpty()) {
            out.ascii(",\"attributes\":{");
            boolean first = true;
            for (Map.Entry<String, String> a : event.attributes().entrySet()) {
                if (!first) {
                    out.raw(',');
                }
                first = false;
                out.string(a.getKey());
                out.raw(':');
                out.string(a.getValue());
            }
            out.raw('}');
        }
        out.raw('}');
        return out.toByteArray();
    }
}
