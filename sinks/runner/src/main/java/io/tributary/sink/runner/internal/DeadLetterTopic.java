package io.tributary.sink.runner.internal;

import io.tributary.sink.api.RejectedRecord;
import io.tributary.sink.api.RetriableSinkException;
import io.tributary.sink.api.SinkRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Produces rejected records to a dead-letter topic: the original key and value, with headers
 * {@code tributary.reason}, {@code tributary.topic}, {@code tributary.partition},
 * {@code tributary.offset}. Sends complete (acked) before the sink commits, so a dead letter is
 * stored at least once. The producer is created on first use.
 */
final class DeadLetterTopic implements AutoCloseable {
    private final String topic;
    private final Map<String, Object> producerConfig;
    private KafkaProducer<byte[], byte[]> producer;

    DeadLetterTopic(String topic, String bootstrapServers, String clientId) {
        this.topic = topic;
        this.producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    }

    void send(List<RejectedRecord> rejected) throws RetriableSinkException {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        }
        List<Future<?>> sends = new ArrayList<>(rejected.size());
        for (RejectedRecord reject : rejected) {
            SinkRecord r = reject.record();
            RecordHeaders headers = new RecordHeaders();
            headers.add("tributary.reason", reject.reason().getBytes(StandardCharsets.UTF_8));
            headers.add("tributary.topic", r.topic().getBytes(StandardCharsets.UTF_8));
            headers.add("tributary.partition", Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add("tributary.offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
            sends.add(producer.send(new ProducerRecord<>(topic, null, r.timestampMs(), r.key(), r.value(), headers)));
        }
        try {
            for (Future<?> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new RetriableSinkException("dead-letter topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableSinkException("interrupted while sending to dead-letter topic " + topic);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
