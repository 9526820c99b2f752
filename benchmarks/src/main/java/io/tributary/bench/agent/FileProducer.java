package io.tributary.bench.agent;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: a plain KafkaProducer that reads a file line by line and sends each line as
 * is (no JSON, no positions, no checkpoints), with the agent's producer settings (idempotent,
 * acks=all, lz4, batch 256 KiB, linger 20 ms, key = host). Run as a child JVM:
 * {@code FileProducer <bootstrap> <topic> <file>}; it stays after sending until it is stopped.
 */
public final class FileProducer {
    private FileProducer() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        Path file = Path.of(args[2]);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config);
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                producer.send(new ProducerRecord<>(topic, "bench-host", line.getBytes(StandardCharsets.UTF_8)));
                n++;
            }
            producer.flush();
        }
        System.out.println("sent " + n + " lines");
        // Stay until stopped, so the benchmark can read this process's CPU time and peak RSS.
        Thread.sleep(Long.MAX_VALUE);
    }
}
