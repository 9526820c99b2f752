package io.tributary.agent.internal.config;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code output:} section: where events go. Besides the keys below, any Kafka producer
 * property (a dotted name such as {@code security.protocol}) is passed to the producer as is,
 * except those the agent sets itself ({@link #AGENT_OWNED}).
 */
public record OutputConfig(
        @ConfigDoc(value = "comma-separated host:port list of brokers (broker-lite or any Kafka cluster)", defaultValue = "127.0.0.1:9092")
        String bootstrapServers,
        @ConfigDoc(value = "batch compression: none, gzip, snappy, lz4, zstd", defaultValue = "lz4")
        Compression compression,
        @ConfigDoc(value = "largest batch per partition (producer batch.size)", defaultValue = "256KiB")
        DataSize batchSize,
        @ConfigDoc(value = "how long to wait for a batch to fill (producer linger.ms)", defaultValue = "20ms")
        Duration linger,
        @ConfigDoc(value = "no acknowledgement for this long while events wait = broker unreachable (non-replayable sources then spool)", defaultValue = "5s")
        Duration unreachableAfter,
        @ConfigDoc(value = "producer client.id", defaultValue = "tributary-agent-<host>")
        String clientId,
        @ConfigDoc(value = "other Kafka producer properties, passed through", defaultValue = "")
        Map<String, String> producerProperties) {

    /** Producer settings the agent's guarantees depend on; a config may not override them. */
    public static final Set<String> AGENT_OWNED = Set.of("key.serializer", "value.serializer", "enable.idempotence",
            "acks", "bootstrap.servers", "compression.type", "batch.size", "linger.ms", "client.id",
            "delivery.timeout.ms", "max.in.flight.requests.per.connection", "retries");

    public OutputConfig {
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? "127.0.0.1:9092" : bootstrapServers.trim();
        compression = compression == null ? Compression.LZ4 : compression;
        batchSize = batchSize == null ? DataSize.ofKiB(256) : batchSize;
        linger = linger == null ? Duration.ofMillis(20) : linger;
        unreachableAfter = unreachableAfter == null ? Duration.ofSeconds(5) : unreachableAfter;
        producerProperties = producerProperties == null ? Map.of() : Map.copyOf(producerProperties);
    }

    public static OutputConfig defaults() {
        return new OutputConfig(null, null, null, null, null, null, null);
    }

    public List<ConfigError> validate() {
        List<ConfigError> errors = new ArrayList<>();
        for (String server : bootstrapServers.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || !s.substring(colon + 1).matches("\\d{1,5}")) {
                errors.add(new ConfigError("output.bootstrap.servers", "expected host:port[,host:port...], got '" + bootstrapServers + "'"));
                break;
            }
        }
        if (batchSize.bytes() < 1024 || batchSize.bytes() > 64L * 1024 * 1024) {
            errors.add(new ConfigError("output.batch-size", "must be between 1KiB and 64MiB, got " + batchSize));
        }
        if (linger.isNegative() || linger.toMillis() > 60_000) {
            errors.add(new ConfigError("output.linger", "must be between 0 and 60s, got " + linger));
        }
        if (unreachableAfter.toMillis() < 100) {
            errors.add(new ConfigError("output.unreachable-after", "must be >= 100ms, got " + unreachableAfter));
        }
        return errors;
    }
}
