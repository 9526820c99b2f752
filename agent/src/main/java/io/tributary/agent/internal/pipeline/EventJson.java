package io.tributary.agent.internal.pipeline;

import io.tributary.plugin.api.Event;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

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
 * numbers in fields are written as {@code null}.
 *
 * <p>This is the agent's per-event hot path, so each thread keeps one {@link Writer}: its
 * buffer, its timestamp cache, and the encoded host, source id and attribute strings of the
 * last event (a source repeats them in every event). The only allocation per event is the
 * returned array. Thread-safe.
 */
public final class EventJson {
    private static final byte[] OPEN = ascii("{\"timestamp\":\"");
    private static final byte[] HOST = ascii("\",\"host\":");
    private static final byte[] SOURCE = ascii(",\"source\":");
    private static final byte[] BODY = ascii(",\"body\":");
    private static final byte[] FIELDS = ascii(",\"fields\":");
    private static final byte[] ATTRIBUTES = ascii(",\"attributes\":{");
    /** Attributes beyond this many per event are written without a memo. */
    private static final int MEMO_ATTRIBUTES = 8;

    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(Writer::new);

    public byte[] write(Event event) {
        Writer w = writers.get();
        w.write(event);
        return w.out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One thread's state. */
    private static final class Writer implements BiConsumer<String, String> {
        private int attribute;
        final JsonBytes out = new JsonBytes();
        final Timestamps timestamps = new Timestamps();
        final JsonBytes.Memo host = new JsonBytes.Memo();
        final JsonBytes.Memo source = new JsonBytes.Memo();
        final JsonBytes.Memo[] names = memos();
        final JsonBytes.Memo[] values = memos();

        private static JsonBytes.Memo[] memos() {
            JsonBytes.Memo[] m = new JsonBytes.Memo[MEMO_ATTRIBUTES];
            for (int i = 0; i < m.length; i++) {
                m[i] = new JsonBytes.Memo();
            }
            return m;
        }

        void write(Event event) {
            out.reset();
            out.raw(OPEN);
            timestamps.write(event.timestamp(), out);
            out.raw(HOST);
            out.string(event.host(), host);
            out.raw(SOURCE);
            out.string(event.sourceId(), source);
            if (event.hasBody()) {
                out.raw(BODY);
                byte[] ascii = event.asciiBodyBytes();
                if (ascii != null) {
                    out.asciiString(ascii); // a line read as bytes: copied, never decoded
                } else {
                    out.string(event.body());
                }
            }
            if (!event.fields().isEmpty()) {
                out.raw(FIELDS);
                out.value(event.fields());
            }
            if (!event.attributes().isEmpty()) {
                out.raw(ATTRIBUTES);
                attribute = 0;
                event.attributes().forEach(this); // no iterator per event
                out.raw('}');
            }
            out.raw('}');
        }

        @Override
        public void accept(String name, String value) {
            int i = attribute++;
            if (i > 0) {
                out.raw(',');
            }
            if (i < MEMO_ATTRIBUTES) {
                out.string(name, names[i]);
                out.raw(':');
                out.string(value, values[i]);
            } else {
                out.string(name);
                out.raw(':');
                out.string(value);
            }
        }
    }
}
