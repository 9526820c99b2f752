package io.tributary.sink.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an event becomes a row: an ordered list of typed columns. Built in:
 * <ul>
 *   <li>{@code log-event}: the agent's log events {@code {timestamp, host, source, body, attributes}} →
 *       {@code ts timestamp (required), host, source, body, attributes json}</li>
 *   <li>{@code metric-event}: the agent's metric events {@code {timestamp, host, source, fields{...}}} →
 *       {@code ts timestamp (required), host, source, fields json}</li>
 * </ul>
 * or {@code columns:} in config, each {@code name: $.path} (a string column) or
 * {@code name: {path: $.path, type: long, required: true}}.
 */
public record Mapping(String name, List<ColumnSpec> columns) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PATH = Pattern.compile("\\$(\\.[^.\\[\\]]+|\\[\\d+])*|@topic|@partition|@offset|@timestamp");

    public Mapping {
        columns = List.copyOf(columns);
    }

    public static final Mapping LOG_EVENT = new Mapping("log-event", List.of(
            new ColumnSpec("ts", "$.timestamp", ColumnType.TIMESTAMP, true),
            new ColumnSpec("host", "$.host", ColumnType.STRING, false),
            new ColumnSpec("source", "$.source", ColumnType.STRING, false),
            new ColumnSpec("body", "$.body", ColumnType.STRING, false),
            new ColumnSpec("attributes", "$.attributes", ColumnType.JSON, false)));

    public static final Mapping METRIC_EVENT = new Mapping("metric-event", List.of(
            new ColumnSpec("ts", "$.timestamp", ColumnType.TIMESTAMP, true),
            new ColumnSpec("host", "$.host", ColumnType.STRING, false),
            new ColumnSpec("source", "$.source", ColumnType.STRING, false),
            new ColumnSpec("fields", "$.fields", ColumnType.JSON, false)));

    public static Mapping builtIn(String key, String name) {
        return switch (name) {
            case "log-event" -> LOG_EVENT;
            case "metric-event" -> METRIC_EVENT;
            default -> throw new IllegalArgumentException(key + ": unknown mapping '" + name + "' (built in: log-event, metric-event; or give columns:)");
        };
    }

    /** Reads {@code columns:} as bound from YAML (insertion-ordered). */
    @SuppressWarnings("unchecked")
    public static Mapping fromColumns(String key, Map<String, Object> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(key + ": at least one column is required");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(columns).entrySet()) {
            String colKey = key + "." + e.getKey();
            requireIdentifier(colKey, e.getKey());
            if (e.getValue() instanceof String path) {
                specs.add(new ColumnSpec(e.getKey(), checkPath(colKey, path), ColumnType.STRING, false));
            } else if (e.getValue() instanceof Map<?, ?> map) {
                Map<String, Object> m = (Map<String, Object>) map;
                for (String k : m.keySet()) {
                    if (!List.of("path", "type", "required").contains(k)) {
                        throw new IllegalArgumentException(colKey + "." + k + ": unknown key (known: path, type, required)");
                    }
                }
                Object path = m.get("path");
                if (!(path instanceof String p)) {
                    throw new IllegalArgumentException(colKey + ".path: is required (e.g. $.host)");
                }
                Object type = m.getOrDefault("type", "string");
                Object required = m.getOrDefault("required", false);
                if (!(required instanceof Boolean r)) {
                    throw new IllegalArgumentException(colKey + ".required: must be true or false");
                }
                specs.add(new ColumnSpec(e.getKey(), checkPath(colKey + ".path", p), ColumnType.parse(colKey + ".type", String.valueOf(type)), r));
            } else {
                throw new IllegalArgumentException(colKey + ": give a JSON path ($.field) or {path: ..., type: ..., required: ...}");
            }
        }
        return new Mapping("columns", specs);
    }

    public static void requireIdentifier(String key, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(key + ": not a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*): '" + name + "'");
        }
    }

    private static String checkPath(String key, String path) {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException(key + ": not a supported path '" + path
                    + "' (use $.field.sub, $.list[0], or @topic, @partition, @offset, @timestamp)");
        }
        return path;
    }
}
