package io.tributary.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Map;

/** The official Kafka clients, configured from the shared {@link ClientOptions}. */
final class KafkaClients {
    private KafkaClients() {
    }

    /**
     * An Admin client whose {@code close()} waits at most half a second: a tool is done once it has
     * printed its answer, and against an unreachable broker a default close would hang on.
     */
    static Admin admin(ClientOptions options) {
        Map<String, Object> config = options.clientConfig();
        try {
            return new QuickClosingAdmin(config);
        } catch (RuntimeException e) {
            throw new CliException("cannot create a Kafka client: " + ClientErrors.oneLine(e));
        }
    }

    /** {@code overrides} (e.g. --producer-property) win over the defaults set here. */
    static KafkaProducer<byte[], byte[]> producer(ClientOptions options, Map<String, Object> overrides) {
        Map<String, Object> config = options.clientConfig();
        long timeoutMs = options.timeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs + 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putAll(overrides);
        try {
            return new KafkaProducer<>(config);
        } catch (RuntimeException e) {
            throw new CliException("cannot create a Kafka producer: " + ClientErrors.oneLine(e));
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(ClientOptions options, Map<String, Object> overrides) {
        Map<String, Object> config = options.clientConfig();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Reading must never create a topic as a side effect (the consumer default is to allow it).
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putAll(overrides);
        try {
            return new KafkaConsumer<>(config);
        } catch (RuntimeException e) {
            throw new CliException("cannot create a Kafka consumer: " + ClientErrors.oneLine(e));
        }
    }

    private static final class QuickClosingAdmin extends ForwardingAdmin {
        private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

        QuickClosingAdmin(Map<String, Object> config) {
            super(config);
        }

        @Override
        public void close() {
            close(CLOSE_TIMEOUT);
        }
    }
}
