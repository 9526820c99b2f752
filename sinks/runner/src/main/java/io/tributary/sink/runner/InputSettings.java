package io.tributary.sink.runner;

import java.util.Map;

/**
 * The {@code input:} section: where records come from.
 *
 * @param bootstrapServers {@code input.bootstrap.servers}, default 127.0.0.1:9092: broker-lite or any Kafka cluster
 * @param group            {@code input.group}, default tributary-sink: the consumer group of every sink that
 *                         names none itself
 * @param standalone       {@code input.standalone}, default false: true makes each sink read every partition of
 *                         its topics itself, without group membership (one process only; offsets come from the
 *                         sink, so only for exactly-once sinks)
 * @param consumer         {@code input.consumer}: extra Kafka consumer properties (e.g. security settings)
 */
public record InputSettings(String bootstrapServers, String group, boolean standalone, Map<String, String> consumer) {
    public InputSettings {
        consumer = Map.copyOf(consumer);
    }
}
