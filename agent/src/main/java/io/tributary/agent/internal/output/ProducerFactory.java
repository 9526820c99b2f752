package io.tributary.agent.internal.output;

import io.tributary.agent.internal.config.OutputConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Makes the agent's {@link KafkaProducer}: idempotent, acks=all, retrying until delivered. */
public final class ProducerFactory {
    private final OutputConfig output;
    private final String host;
    private final long bufferBytes;

    public ProducerFactory(OutputConfig output, String host, long pipelineBytes) {
        this.output = output;
        this.host = host;
        // The pipeline already bounds what is in flight; a little headroom for batch overhead.
        this.bufferBytes = Math.max(4L << 20, pipelineBytes + (pipelineBytes >> 2));
    }

    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>(output.producerProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, output.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, output.clientId() != null ? output.clientId() : "tributary-agent-" + host);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, output.compression().kafkaName());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) output.batchSize().bytes());
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) output.linger().toMillis());
        // Never give up on a record because the broker is down: it is delivered when the broker is back.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(8 << 20, (int) output.batchSize().bytes() * 2));
        return p;
    }

    public Producer<byte[], byte[]> create() {
        return new KafkaProducer<>(properties(), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
