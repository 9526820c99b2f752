package io.tributary.sink.mapping.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.mapping.ColumnSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link RowExtractor} for mappings whose paths are top-level fields
 * ({@code $.name}), the whole event ({@code $}) or record metadata, like the built-in log-event and
 * metric-event mappings: one streaming pass over the bytes, no tree. JSON-typed columns take the
 * value's original text (objects and arrays are validated by the pass, not re-serialized).
 * Produces exactly the values and reject reasons of the tree path. Thread-safe.
 */
final class StreamingExtractor {
    private static final JsonFactory JSON = new JsonFactory();

    private final List<ColumnSpec> columns;
    private final Map<String, int[]> byField = new HashMap<>();
    private final int wholeEvent;

    StreamingExtractor(List<ColumnSpec> columns) {
        this.columns = columns;
        int whole = -1;
        for (int i = 0; i < columns.size(); i++) {
            String path = columns.get(i).path();
            if (path.equals("$")) {
                whole = i;
            } else if (path.startsWith("$.")) {
                int index = i;
                byField.merge(path.substring(2), new int[]{index}, (a, b) -> {
                    int[] both = java.util.Arrays.copyOf(a, a.length + 1);
                    both[a.length] = index;
                    return both;
                });
            }
        }
        this.wholeEvent = whole;
    }

    static boolean supports(List<ColumnSpec> columns) {
        return columns.stream().map(ColumnSpec::path)
                .allMatch(p -> p.startsWith("@") || p.equals("$") || (p.startsWith("$.") && p.indexOf('.', 2) < 0 && p.indexOf('[') < 0));
    }

    Object[] extract(SinkRecord record) throws RowExtractor.Rejected {
        byte[] value = record.value();
        if (value == null) {
            throw new RowExtractor.Rejected("empty record (null value)");
        }
        Object[] row = new Object[columns.size()];
        boolean[] seen = new boolean[columns.size()];
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowExtractor.Rejected("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int[] targets = byField.get(p.currentName());
                JsonToken token = p.nextToken();
                if (targets == null) {
                    p.skipChildren();
                    continue;
                }
                String raw = null;
                for (int index : targets) {
                    ColumnSpec column = columns.get(index);
                    if (token == JsonToken.VALUE_NULL) {
                        row[index] = null;
                        seen[index] = false;
                        continue;
                    }
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        if (raw == null) {
                            raw = rawContainer(p, value);
                        }
                        row[index] = container(column, raw);
                    } else {
                        row[index] = scalar(column, p, token);
                    }
                    seen[index] = true;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (raw == null) {
                        p.skipChildren();
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new RowExtractor.Rejected("not valid JSON: unexpected end of input");
            }
        } catch (JsonProcessingException e) {
            throw new RowExtractor.Rejected("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RowExtractor.Rejected("not valid JSON: " + e.getMessage());
        }
        for (int i = 0; i < row.length; i++) {
            ColumnSpec column = columns.get(i);
            String path = column.path();
            if (path.startsWith("@")) {
                row[i] = RowExtractor.metadata(column, record);
            } else if (i == wholeEvent) {
                row[i] = container(column, new String(value, StandardCharsets.UTF_8).strip());
            } else if (!seen[i] && column.required()) {
                throw new RowExtractor.Rejected(column.name() + " (" + path + "): required but missing");
            }
        }
        return row;
    }

    /** The original text of the object/array the parser is at; leaves the parser at its end. */
    private static String rawContainer(JsonParser p, byte[] value) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        return new String(value, start, end - start, StandardCharsets.UTF_8);
    }

    /** An object or array value for a column: JSON columns keep the text, string columns get it as text. */
    private static Object container(ColumnSpec c, String raw) throws RowExtractor.Rejected {
        return switch (c.type()) {
            case JSON -> raw.contains("\\u0000") ? RowExtractor.reject(c, "contains a NUL character") : raw;
            case STRING -> raw.indexOf('\0') >= 0 ? RowExtractor.reject(c, "contains a NUL character") : raw;
            case LONG -> RowExtractor.reject(c, "not an integer: " + clip(raw));
            case INT -> RowExtractor.reject(c, "not a 32-bit integer: " + clip(raw));
            case DOUBLE -> RowExtractor.reject(c, "not a number: " + clip(raw));
            case BOOLEAN -> RowExtractor.reject(c, "not a boolean: " + clip(raw));
            case TIMESTAMP -> RowExtractor.reject(c, "not a timestamp: " + clip(raw));
        };
    }

    private static Object scalar(ColumnSpec c, JsonParser p, JsonToken token) throws IOException, RowExtractor.Rejected {
        boolean text = token == JsonToken.VALUE_STRING;
        switch (c.type()) {
            case STRING -> {
                String s = p.getText();
                return s.indexOf('\0') >= 0 ? RowExtractor.reject(c, "contains a NUL character") : s;
            }
            case JSON -> {
                if (text) {
                    String quoted = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(p.getText())) + "\"";
                    return quoted.contains("\\u0000") ? RowExtractor.reject(c, "contains a NUL character") : quoted;
                }
                return p.getText();
            }
            case LONG -> {
                if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return p.getLongValue();
                }
                if (text) {
                    try {
                        return Long.parseLong(p.getText().strip());
                    } catch (NumberFormatException e) {
                        return RowExtractor.reject(c, "not an integer: " + quoted(p));
                    }
                }
                return RowExtractor.reject(c, "not an integer: " + quoted(p));
            }
            case INT -> {
                if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                    return p.getIntValue();
                }
                if (text) {
                    try {
                        return Integer.parseInt(p.getText().strip());
                    } catch (NumberFormatException e) {
                        return RowExtractor.reject(c, "not a 32-bit integer: " + quoted(p));
                    }
                }
                return RowExtractor.reject(c, "not a 32-bit integer: " + quoted(p));
            }
            case DOUBLE -> {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    return p.getDoubleValue();
                }
                if (text) {
                    try {
                        return Double.parseDouble(p.getText().strip());
                    } catch (NumberFormatException e) {
                        return RowExtractor.reject(c, "not a number: " + quoted(p));
                    }
                }
                return RowExtractor.reject(c, "not a number: " + quoted(p));
            }
            case BOOLEAN -> {
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    return token == JsonToken.VALUE_TRUE;
                }
                if (text && (p.getText().equals("true") || p.getText().equals("false"))) {
                    return Boolean.parseBoolean(p.getText());
                }
                return RowExtractor.reject(c, "not a boolean: " + quoted(p));
            }
            case TIMESTAMP -> {
                if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return Instant.ofEpochMilli(p.getLongValue());
                }
                if (text) {
                    Instant instant = IsoTimestamps.parse(p.getText());
                    return instant != null ? instant : RowExtractor.reject(c, "not an ISO-8601 timestamp with offset: " + quoted(p));
                }
                return RowExtractor.reject(c, "not a timestamp: " + quoted(p));
            }
            default -> throw new IllegalStateException(c.type().toString());
        }
    }

    /** The value as the tree path quotes it in reasons (JSON text, at most 60 characters). */
    private static String quoted(JsonParser p) throws IOException {
        String text = p.currentToken() == JsonToken.VALUE_STRING
                ? "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(p.getText())) + "\"" : p.getText();
        return clip(text);
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
