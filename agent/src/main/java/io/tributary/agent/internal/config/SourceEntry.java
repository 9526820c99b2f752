package io.tributary.agent.internal.config;

import java.util.Map;

/**
 * One item of {@code sources:}: the keys the agent owns, and the rest ({@code settings}) for the
 * plugin's own config record.
 *
 * @param index    position in the list, for key paths ({@code sources[index]})
 * @param type     the plugin type
 * @param id       unique id (default {@code <type>-<index>})
 * @param topic    the Kafka topic its events go to
 * @param settings the remaining keys (a {@link YamlTree} mapping), bound later to the plugin's config type
 */
public record SourceEntry(int index, String type, String id, String topic, Map<String, Object> settings) {
    public String path() {
        return "sources[" + index + "]";
    }
}
