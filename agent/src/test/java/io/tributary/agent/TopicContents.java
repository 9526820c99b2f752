package io.tributary.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a single-partition topic from the beginning with a real consumer, until a condition holds or a deadline passes. */
final class TopicContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record: key and the parsed event JSON. */
    record Message(String key, JsonNode event, long timestamp) {
    }

    private TopicContents() {
    }

    static List<Message> readUntil(String bootstrap, String topic, Predicate<List<Message>> done, Duration timeout) {
        List<Message> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(all)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("topic " + topic + ": condition not met within " + timeout + ", " + all.size() + " records read");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    all.add(new Message(new String(r.key(), StandardCharsets.UTF_8), parse(r.value()), r.timestamp()));
                }
            }
        }
        return all;
    }

    static List<Message> readCount(String bootstrap, String topic, int count, Duration timeout) {
        return readUntil(bootstrap, topic, l -> l.size() >= count, timeout);
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
