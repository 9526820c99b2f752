package io.tributary.agent.filetail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with a plain {@link KafkaConsumer} ({@code assign()}, no
 * group) and keeps every event's JSON; {@link #awaitUntil} polls with a deadline.
 */
final class TopicReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new ArrayList<>();

    TopicReader(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
    }

    /** Reads until {@code done} holds for everything read so far, or fails at the deadline. */
    List<JsonNode> awaitUntil(Predicate<List<JsonNode>> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + timeout + ": " + what + "; read " + events.size() + " events");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                try {
                    events.add(JSON.readTree(r.value()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }

    /** Reads until at least {@code n} events were read. */
    List<JsonNode> awaitCount(int n, Duration timeout) {
        return awaitUntil(ev -> ev.size() >= n, timeout, "expected at least " + n + " events");
    }

    /** Reads until every body in {@code expected} was seen. */
    List<JsonNode> awaitBodies(java.util.Collection<String> expected, Duration timeout) {
        return awaitUntil(ev -> bodies(ev).containsAll(expected), timeout, "expected " + expected.size() + " lines");
    }

    /** Reads whatever more arrives within {@code quiet} (to see that no duplicates follow). */
    List<JsonNode> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                try {
                    events.add(JSON.readTree(r.value()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }

    static java.util.Set<String> bodies(List<JsonNode> events) {
        return events.stream().map(e -> e.path("body").asText()).collect(Collectors.toSet());
    }

    static List<String> bodyList(List<JsonNode> events) {
        return events.stream().map(e -> e.path("body").asText()).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
