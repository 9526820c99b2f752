package io.tributary.sink.mapping.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.Mapping;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Turns one record into one row of typed Java values (String, Long, Integer, Double, Boolean,
 * Instant; JSON columns as JSON text), or rejects it with a reason naming the column and path.
 * Stateless after construction; thread-safe.
 */
public final class RowExtractor {
    /** A record that does not fit the mapping; the message is the dead-letter reason. */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ColumnSpec> columns;
    private final JsonPointerPath[] paths;
    /** Non-null when every path is a top-level field or metadata: then one streaming pass extracts the row. */
    private final StreamingExtractor streaming;

    public RowExtractor(Mapping mapping) {
        this.columns = mapping.columns();
        this.paths = columns.stream().map(c -> c.path().startsWith("$") ? JsonPointerPath.parse(c.path()) : null)
                .toArray(JsonPointerPath[]::new);
        this.streaming = StreamingExtractor.supports(columns) ? new StreamingExtractor(columns) : null;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public Object[] extract(SinkRecord record) throws Rejected {
        if (streaming != null) {
            return streaming.extract(record);
        }
        JsonNode event = parse(record);
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            ColumnSpec column = columns.get(i);
            if (paths[i] == null) {
                row[i] = metadata(column, record);
                continue;
            }
            JsonNode node = paths[i].find(event);
            if (node == null || node.isNull()) {
                if (column.required()) {
                    throw new Rejected(column.name() + " (" + column.path() + "): required but missing");
                }
                continue;
            }
            row[i] = convert(column, node);
        }
        return row;
    }

    private static JsonNode parse(SinkRecord record) throws Rejected {
        if (record.value() == null) {
            throw new Rejected("empty record (null value)");
        }
        try {
            JsonNode node = JSON.readTree(record.value());
            if (node == null || !node.isObject()) {
                throw new Rejected("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Rejected("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejected("not valid JSON: " + e.getMessage());
        }
    }

    static Object metadata(ColumnSpec column, SinkRecord record) throws Rejected {
        Object value = switch (column.path()) {
            case "@topic" -> record.topic();
            case "@partition" -> record.partition();
            case "@offset" -> record.offset();
            case "@timestamp" -> Instant.ofEpochMilli(record.timestampMs());
            default -> throw new IllegalStateException("unknown metadata path " + column.path());
        };
        return switch (column.type()) {
            case STRING -> String.valueOf(value instanceof Instant ? value.toString() : value);
            case LONG -> value instanceof Instant i ? i.toEpochMilli() : value instanceof Number n ? n.longValue() : reject(column, "not a number");
            case INT -> value instanceof Number n ? n.intValue() : reject(column, "not an integer");
            case TIMESTAMP -> value instanceof Instant ? value : reject(column, "not a timestamp");
            default -> reject(column, "metadata cannot be stored as " + column.type().configName());
        };
    }

    private static Object convert(ColumnSpec c, JsonNode node) throws Rejected {
        switch (c.type()) {
            case STRING -> {
                String text = node.isValueNode() ? node.asText() : node.toString();
                if (text.indexOf('\0') >= 0) {
                    return reject(c, "contains a NUL character");
                }
                return text;
            }
            case LONG -> {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return node.longValue();
                }
                if (node.isTextual()) {
                    try {
                        return Long.parseLong(node.asText().strip());
                    } catch (NumberFormatException e) {
                        return reject(c, "not an integer: " + quote(node));
                    }
                }
                return reject(c, "not an integer: " + quote(node));
            }
            case INT -> {
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
                if (node.isTextual()) {
                    try {
                        return Integer.parseInt(node.asText().strip());
                    } catch (NumberFormatException e) {
                        return reject(c, "not a 32-bit integer: " + quote(node));
                    }
                }
                return reject(c, "not a 32-bit integer: " + quote(node));
            }
            case DOUBLE -> {
                if (node.isNumber()) {
                    return node.doubleValue();
                }
                if (node.isTextual()) {
                    try {
                        return Double.parseDouble(node.asText().strip());
                    } catch (NumberFormatException e) {
                        return reject(c, "not a number: " + quote(node));
                    }
                }
                return reject(c, "not a number: " + quote(node));
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
                    return Boolean.parseBoolean(node.asText());
                }
                return reject(c, "not a boolean: " + quote(node));
            }
            case TIMESTAMP -> {
                if (node.isIntegralNumber()) {
                    return Instant.ofEpochMilli(node.longValue());
                }
                if (node.isTextual()) {
                    Instant instant = IsoTimestamps.parse(node.asText());
                    return instant != null ? instant : reject(c, "not an ISO-8601 timestamp with offset: " + quote(node));
                }
                return reject(c, "not a timestamp: " + quote(node));
            }
            case JSON -> {
                String json = node.toString();
                if (json.contains("\\u0000")) {
                    return reject(c, "contains a NUL character");
                }
                return json;
            }
            default -> throw new IllegalStateException(c.type().toString());
        }
    }

    private static String quote(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    static Object reject(ColumnSpec c, String why) throws Rejected {
        throw new Rejected(c.name() + " (" + c.path() + "): " + why);
    }
}
