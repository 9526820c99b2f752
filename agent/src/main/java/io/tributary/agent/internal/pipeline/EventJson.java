package io.tributary.agent.internal.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tributary.plugin.api.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Event} as the JSON value of its Kafka record:
 *
 * <pre>{@code
 * {"timestamp":"2026-12-01T18:00:00.123Z","host":"web-1","source":"nginx",
 *  "body":"GET / 200","fields":{"cpu.total":0.25},"attributes":{"path":"/var/log/nginx/access.log"}}
 * }</pre>
 *
 * {@code body}, {@code fields} and {@code attributes} are left out when empty. Thread-safe
 * (streaming generator per call, no shared buffers).
 */
public final class EventJson {
    private final JsonFactory factory = new JsonFactory();

    public byte[] write(Event event) {
        ByteArrayBuilder out = new ByteArrayBuilder(estimate(event));
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", event.timestamp().toString());
            g.writeStringField("host", event.host());
            g.writeStringField("source", event.sourceId());
            if (event.body() != null) {
                g.writeStringField("body", event.body());
            }
            if (!event.fields().isEmpty()) {
                g.writeFieldName("fields");
                writeValue(g, event.fields());
            }
            if (!event.attributes().isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> a : event.attributes().entrySet()) {
                    g.writeStringField(a.getKey(), a.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int estimate(Event e) {
        return 128 + (e.body() == null ? 0 : e.body().length() + e.body().length() / 8) + e.fields().size() * 32;
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof java.math.BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
