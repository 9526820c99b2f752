package io.tributary.observability;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /health} answers: UP (HTTP 200) or DOWN (HTTP 503), with a few details for a
 * human, e.g. {@code {"status":"UP","role":"agent","sources":3}}.
 *
 * @param up      whether the role is doing its job
 * @param details flat JSON members: strings, numbers, booleans (others are written as strings)
 */
public record Health(boolean up, Map<String, Object> details) {
    public Health {
        details = Map.copyOf(details);
    }

    public static Health up(Map<String, Object> details) {
        return new Health(true, details);
    }

    public static Health down(Map<String, Object> details) {
        return new Health(false, details);
    }

    /** {@code {"status":"UP",...details}} with the details in sorted order. */
    String toJson() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("status", up ? "UP" : "DOWN");
        details.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> members.put(e.getKey(), e.getValue()));
        StringBuilder json = new StringBuilder("{");
        members.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(key)).append(':');
            json.append(value instanceof Number || value instanceof Boolean ? value.toString() : quote(String.valueOf(value)));
        });
        return json.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
