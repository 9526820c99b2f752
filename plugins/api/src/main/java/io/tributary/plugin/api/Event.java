package io.tributary.plugin.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record a source hands to the agent: a log line (a {@code body}) or a sample of typed
 * {@code fields} (metrics), or both, with string {@code attributes} (e.g. the file path, or
 * flags like {@code truncated=true}).
 *
 * <p>Immutable and thread-safe. Field values are restricted to JSON-friendly types:
 * {@link String}, {@link Number}, {@link Boolean}, and (nested) {@link Map} with string keys
 * and {@link List} of these; {@code null} values are rejected. Map iteration order is the
 * insertion order, so the JSON the agent writes is stable.
 *
 * <p>Build one with {@link SourceContext#newEvent()} (host, source id and timestamp filled in)
 * or {@link #builder()}. A source that reads bytes (a file tailer) can hand the body over as UTF-8
 * bytes ({@link Builder#body(byte[], int, int)}): ASCII text is then kept as bytes, which the agent
 * writes out without decoding it into a {@code String} first.
 */
public final class Event {
    private final Instant timestamp;
    private final String host;
    private final String sourceId;
    /** Set unless the body was given as ASCII bytes and nobody asked for it as a String yet (then decoded once). */
    private String body;
    /** The body's bytes when it was given as bytes that are all ASCII (owned by this event, never changed), else null. */
    private final byte[] asciiBody;
    private final Map<String, Object> fields;
    private final Map<String, String> attributes;

    private Event(Builder b) {
        this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
        this.host = Objects.requireNonNull(b.host, "host");
        this.sourceId = Objects.requireNonNull(b.sourceId, "sourceId");
        this.body = b.body;
        this.asciiBody = b.asciiBody;
        // Every log line is an event: take the builder's maps instead of copying them (the builder
        // copies before it changes one again), and share one empty map.
        this.fields = b.fields == null || b.fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.fields);
        this.attributes = b.attributes != null && !b.attributes.isEmpty() ? Collections.unmodifiableMap(b.attributes)
                : b.attributeCount > 0 ? new SmallMap(b.attributeArray, b.attributeCount) : Map.of();
        b.built = true;
        if (body == null && asciiBody == null && fields.isEmpty()) {
            throw new IllegalArgumentException("an event needs a body or at least one field");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** When the event happened (for a log line: when it was read, unless the source parses a time). */
    public Instant timestamp() {
        return timestamp;
    }

    /** The host the event comes from (the agent's {@code agent.host}). */
    public String host() {
        return host;
    }

    /** The id of the configured source that produced it. */
    public String sourceId() {
        return sourceId;
    }

    /** The text of a log event, or {@code null} for a pure metrics sample. */
    public String body() {
        String b = body;
        if (b == null && asciiBody != null) {
            // A benign race: every thread decodes the same String (immutable, so safely shared).
            b = new String(asciiBody, StandardCharsets.ISO_8859_1);
            body = b;
        }
        return b;
    }

    /** Whether the event has a body ({@link #body()} is not null); does not decode a body given as bytes. */
    public boolean hasBody() {
        return body != null || asciiBody != null;
    }

    /**
     * The body's bytes if it was given as bytes ({@link Builder#body(byte[], int, int)}) that are all
     * ASCII (so they are its UTF-8 and one byte per character), else {@code null}: for a writer that
     * copies bytes rather than encode a {@code String}. The array belongs to the event: read it, never
     * change it.
     */
    public byte[] asciiBodyBytes() {
        return asciiBody;
    }

    /** Typed values (metrics); empty for a plain log line. Unmodifiable, insertion ordered. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** String metadata such as {@code path}; unmodifiable, insertion ordered. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** A builder with every value of this event, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().timestamp(timestamp).host(host).sourceId(sourceId);
        b.body = body;
        b.asciiBody = asciiBody; // never changed, so it can be shared
        if (!fields.isEmpty()) {
            b.fields = new LinkedHashMap<>(fields);
        }
        if (!attributes.isEmpty()) {
            b.attributes = new LinkedHashMap<>(attributes);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && timestamp.equals(e.timestamp) && host.equals(e.host)
                && sourceId.equals(e.sourceId) && Objects.equals(body(), e.body())
                && fields.equals(e.fields) && attributes.equals(e.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, host, sourceId, body(), fields, attributes);
    }

    @Override
    public String toString() {
        return "Event{" + timestamp + " " + host + "/" + sourceId
                + (hasBody() ? " body=" + abbreviate(body()) : "")
                + (fields.isEmpty() ? "" : " fields=" + fields.keySet())
                + (attributes.isEmpty() ? "" : " attributes=" + attributes) + "}";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Not thread-safe; one per event. */
    public static final class Builder {
        private Instant timestamp;
        private String host;
        private String sourceId;
        private String body;
        private byte[] asciiBody;
        // Created on first use; once build() handed them to an event they are copied before the next change.
        private Map<String, Object> fields;
        /**
         * Attributes: up to {@link SmallMap#MAX} of them as name/value pairs in an array (a log line has
         * two or three, and a map per event was a visible share of the agent's allocation); more, and
         * they move into a map.
         */
        private String[] attributeArray;
        private int attributeCount;
        private Map<String, String> attributes;
        private boolean built;

        private Builder() {
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder sourceId(String sourceId) {
            this.sourceId = sourceId;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            this.asciiBody = null;
            return this;
        }

        /**
         * The body as {@code length} bytes of UTF-8 from {@code offset} (copied): the same event as
         * {@code body(new String(utf8, offset, length, UTF_8))} (malformed bytes become U+FFFD), but
         * ASCII text is kept as bytes and only decoded if {@link Event#body()} is called.
         */
        public Builder body(byte[] utf8, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, utf8.length);
            if (Ascii.isAscii(utf8, offset, length)) {
                this.asciiBody = Arrays.copyOfRange(utf8, offset, offset + length);
                this.body = null;
            } else {
                this.body = new String(utf8, offset, length, StandardCharsets.UTF_8);
                this.asciiBody = null;
            }
            return this;
        }

        /** Adds a typed field; see the class javadoc for the accepted value types. */
        public Builder field(String name, Object value) {
            Objects.requireNonNull(name, "field name");
            checkValue(name, value);
            writable();
            if (fields == null) {
                fields = new LinkedHashMap<>();
            }
            fields.put(name, value);
            return this;
        }

        public Builder fields(Map<String, ?> values) {
            values.forEach(this::field);
            return this;
        }

        public Builder attribute(String name, String value) {
            Objects.requireNonNull(name, "attribute name");
            if (value == null) {
                throw new NullPointerException("attribute " + name);
            }
            writable();
            if (attributes != null) {
                attributes.put(name, value);
                return this;
            }
            if (attributeArray == null) {
                attributeArray = new String[2 * SmallMap.MAX];
            }
            for (int i = 0; i < attributeCount; i++) {
                if (attributeArray[2 * i].equals(name)) {
                    attributeArray[2 * i + 1] = value;
                    return this;
                }
            }
            if (attributeCount < SmallMap.MAX) {
                attributeArray[2 * attributeCount] = name;
                attributeArray[2 * attributeCount + 1] = value;
                attributeCount++;
                return this;
            }
            attributes = new LinkedHashMap<>();
            for (int i = 0; i < attributeCount; i++) {
                attributes.put(attributeArray[2 * i], attributeArray[2 * i + 1]);
            }
            attributes.put(name, value);
            attributeArray = null;
            attributeCount = 0;
            return this;
        }

        public Event build() {
            return new Event(this);
        }

        /** After build(), copies the maps the event now owns before this builder changes them. */
        private void writable() {
            if (built) {
                built = false;
                fields = fields == null ? null : new LinkedHashMap<>(fields);
                attributes = attributes == null ? null : new LinkedHashMap<>(attributes);
                attributeArray = attributeArray == null ? null : attributeArray.clone();
            }
        }

        private static void checkValue(String name, Object value) {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                return;
            }
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    if (!(k instanceof String)) {
                        throw new IllegalArgumentException("field " + name + ": map keys must be strings");
                    }
                    checkValue(name + "." + k, v);
                });
                return;
            }
            if (value instanceof List<?> list) {
                list.forEach(v -> checkValue(name + "[]", v));
                return;
            }
            throw new IllegalArgumentException("field " + name + ": unsupported value "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }
}
