package io.tributary.streams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link MessageStreams} set connects and commits. Build with {@link #builder(String)}.
 *
 * @param bootstrapServers     Kafka's {@code bootstrap.servers}: broker-lite or any Apache Kafka cluster
 * @param commitMode           when offsets are committed (default {@link CommitMode#AUTO_AFTER_PROCESSING})
 * @param queueCapacity        messages buffered per stream before its partitions are paused (default 1000)
 * @param autoCommitIntervalMs how often processed positions are committed in auto mode (default 1000)
 * @param consumerProperties   extra KafkaConsumer settings (e.g. {@code auto.offset.reset}, {@code session.timeout.ms},
 *                             security); group id, deserializers and auto commit are set by the stream set
 */
public record StreamSettings(String bootstrapServers, CommitMode commitMode, int queueCapacity, long autoCommitIntervalMs,
                             Map<String, Object> consumerProperties) {

    public StreamSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(commitMode, "commitMode");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
        }
        if (autoCommitIntervalMs < 1) {
            throw new IllegalArgumentException("autoCommitIntervalMs must be >= 1, got " + autoCommitIntervalMs);
        }
        consumerProperties = Map.copyOf(consumerProperties);
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Builder with the defaults listed on {@link StreamSettings}. */
    public static final class Builder {
        private final String bootstrapServers;
        private CommitMode commitMode = CommitMode.AUTO_AFTER_PROCESSING;
        private int queueCapacity = 1000;
        private long autoCommitIntervalMs = 1000;
        private final Map<String, Object> consumerProperties = new LinkedHashMap<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public Builder commitMode(CommitMode mode) {
            this.commitMode = mode;
            return this;
        }

        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Builder autoCommitIntervalMs(long intervalMs) {
            this.autoCommitIntervalMs = intervalMs;
            return this;
        }

        /** Any KafkaConsumer setting, by its Kafka name. */
        public Builder consumerProperty(String name, Object value) {
            consumerProperties.put(name, value);
            return this;
        }

        public StreamSettings build() {
            return new StreamSettings(bootstrapServers, commitMode, queueCapacity, autoCommitIntervalMs, consumerProperties);
        }
    }
}
