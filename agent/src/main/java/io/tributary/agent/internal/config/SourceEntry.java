package io.tributary.agent.internal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One item of {@code sources:}: the keys the agent owns, and the rest ({@code settings}) for the
 * plugin's own config record.
 *
 * @param index    position in the list, for key paths ({@code sources[index]})
 * @param type     the plugin type
 * @param id       unique id (default {@code <type>-<index>})
 * @param topic    the Kafka topic its events go to
 * @param settings the remaining keys, bound later to the plugin's config type
 */
public record SourceEntry(int index, String type, String id, String topic, ObjectNode settings) {
    public String path() {
        return "sources[" + index + "]";
    }
}
