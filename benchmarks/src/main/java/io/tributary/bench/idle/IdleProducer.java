package io.tributary.bench.idle;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The idle benchmark's baseline: the least a JVM that ships events can do at rest. One
 * {@link KafkaProducer} with the agent's settings (idempotent, acks=all, lz4) sends one small
 * record every 10 s, as an agent with nothing but host metrics would. Run with the agent's launcher
 * flags; {@code run-agent-idle-benchmark.sh} compares the installed agent's RSS and CPU with it.
 *
 * <p>Usage: {@code IdleProducer BOOTSTRAP TOPIC}; runs until killed.
 */
public final class IdleProducer {
    private IdleProducer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; ; i++) {
                producer.send(new ProducerRecord<>(args[1], "bench-host".getBytes(StandardCharsets.UTF_8),
                        ("{\"sample\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(10_000);
            }
        }
    }
}
