package io.tributary.agent.internal.output;

import io.tributary.agent.internal.pipeline.OutboundRecord;
import io.tributary.agent.internal.pipeline.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output thread: takes records from the {@link Pipeline} in order and sends them with the
 * Kafka producer (batching by {@code batch.size}/{@code linger.ms} happens inside the producer).
 *
 * <p>On acknowledgement a record's {@code onAck} runs (moving checkpoints or the spool) and its
 * pipeline capacity is released. A send that cannot start (no metadata: broker down) is retried
 * in place so order is kept; a record the broker rejects for good (too large, invalid topic,
 * not authorized) is dropped, counted and logged, so one bad record never stalls a source;
 * anything else is sent again. At {@link #close} queued records are sent, the producer is
 * flushed for up to the shutdown timeout, and live non-replayable records that still were not
 * acknowledged go to {@code unsent} (the spool).
 */
public final class KafkaOutput implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaOutput.class);
    private static final Set<Class<? extends KafkaException>> PERMANENT = Set.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidTopicException.class, TopicAuthorizationException.class,
            SerializationException.class);

    private final Pipeline pipeline;
    private final ProducerFactory factory;
    private final BrokerHealth health;
    private final Consumer<OutboundRecord> unsent;
    private final Duration shutdownTimeout;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Set<String> loggedDrops = ConcurrentHashMap.newKeySet();
    private final Object retryMonitor = new Object();
    private volatile Producer<byte[], byte[]> producer;
    private volatile boolean running = true;
    private volatile boolean closing;

    public KafkaOutput(Pipeline pipeline, ProducerFactory factory, BrokerHealth health,
                       Consumer<OutboundRecord> unsent, Duration shutdownTimeout) {
        this.pipeline = pipeline;
        this.factory = factory;
        this.health = health;
        this.unsent = unsent;
        this.shutdownTimeout = shutdownTimeout;
        this.thread = new Thread(this::run, "tributary-output");
        thread.setDaemon(true);
    }

    /** Creates the producer (it connects lazily, so a broker that is down is no error) and starts sending. */
    public void start() {
        producer = factory.create();
        thread.start();
    }

    private void run() {
        try {
            List<OutboundRecord> batch = new ArrayList<>(1024);
            while (running) {
                // A long wait: an idle agent should not wake up for nothing; close() wakes it.
                batch.clear();
                pipeline.take(batch, 1024, 5_000);
                for (int i = 0; i < batch.size(); i++) {
                    if (!send(batch.get(i))) {
                        // Stopping while the broker is down: put the rest back, in order, for close().
                        for (int j = batch.size() - 1; j >= i; j--) {
                            pipeline.requeue(batch.get(j));
                        }
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one record; false if the output is stopping and the record could not be handed to the producer. */
    private boolean send(OutboundRecord r) throws InterruptedException {
        while (true) {
            AckCallback cb = new AckCallback(r);
            try {
                producer.send(new ProducerRecord<>(r.topic(), null, r.timestampMs(), r.key(), r.value()), cb);
            } catch (IllegalStateException | KafkaException e) {
                if (closing) {
                    cb.finish(e);
                    return true;
                }
                // The producer itself is broken (fatal state): start a new one rather than give up.
                log.warn("producer failed ({}), starting a new one", e.toString());
                replaceProducer();
                continue;
            }
            if (cb.syncFailure == null) {
                return true;
            }
            // send() reported the failure synchronously (no metadata / buffer full while the broker is
            // down): try the same record again so records stay in order.
            String failure = describe(cb.syncFailure);
            if (failure.contains("not present in metadata") && connected()) {
                health.topicMissing(r.topic()); // the broker answers: it is the topic that is not there
            } else {
                health.sendFailed(failure);
            }
            if (!running) {
                return false;
            }
            synchronized (retryMonitor) {
                retryMonitor.wait(500);
            }
        }
    }

    private void replaceProducer() throws InterruptedException {
        Producer<byte[], byte[]> old = producer;
        old.close(Duration.ZERO);
        synchronized (retryMonitor) {
            retryMonitor.wait(1000);
        }
        producer = factory.create();
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Completion of one record; a failure inside send() itself is remembered instead of handled. */
    private final class AckCallback implements Callback {
        private final OutboundRecord record;
        private final Thread sender = Thread.currentThread();
        private boolean inSend = true;
        Exception syncFailure;

        AckCallback(OutboundRecord record) {
            this.record = record;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception e) {
            if (e != null && inSend && Thread.currentThread() == sender && e instanceof RetriableException && !closing) {
                syncFailure = e;
                inSend = false;
                return;
            }
            inSend = false;
            finish(e);
        }

        void finish(Exception e) {
            if (e == null) {
                sent.incrementAndGet();
                health.acked();
                health.ackedFor(record.topic());
                record.onSent().run();
                record.onAck().run();
                pipeline.release(record);
            } else if (closing) {
                if (record.origin() == OutboundRecord.Origin.LIVE) {
                    unsent.accept(record);
                }
                pipeline.release(record);
            } else if (PERMANENT.contains(e.getClass())) {
                dropped.incrementAndGet();
                if (loggedDrops.add(record.topic() + "/" + e.getClass().getName())) {
                    log.error("dropping an event for topic {}: the broker refuses it for good ({}); further drops of this kind are counted only",
                            record.topic(), describe(e));
                }
                record.onAck().run();
                pipeline.release(record);
            } else {
                pipeline.requeue(record);
            }
        }
    }

    public long sentCount() {
        return sent.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    /** Produce requests (each carrying the batches of its partitions) sent and not yet answered. */
    public double requestsInFlight() {
        return producerMetric("requests-in-flight");
    }

    /** Whether the producer holds an open connection to a broker right now. */
    private boolean connected() {
        return producerMetric("connection-count") > 0;
    }

    private double producerMetric(String name) {
        for (var e : producer.metrics().entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics")
                    && e.getValue().metricValue() instanceof Number n) {
                return n.doubleValue();
            }
        }
        return 0;
    }

    /** Sends what is queued, waits up to the shutdown timeout for acknowledgements, closes the producer. */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        boolean answering = producer != null && health.reachable() && health.ackedCount() > 0;
        running = false;
        pipeline.wakeAll();
        synchronized (retryMonitor) {
            retryMonitor.notifyAll();
        }
        // A broker that is not answering would keep the thread in send() for max.block.ms: do not wait for that.
        thread.join(answering ? shutdownTimeout.toMillis() : 200);
        List<OutboundRecord> rest = pipeline.drainQueued();
        if (answering && !thread.isAlive()) {
            int i = 0;
            while (i < rest.size() && send(rest.get(i))) {
                i++;
            }
            rest = rest.subList(i, rest.size());
        }
        closing = true;
        for (OutboundRecord r : rest) {
            if (r.origin() == OutboundRecord.Origin.LIVE) {
                unsent.accept(r);
            }
            pipeline.release(r);
        }
        if (producer != null) {
            // Aborts what is still unacknowledged after the timeout: callbacks spool live records.
            long left = Math.max(0, deadline - System.nanoTime());
            producer.close(answering ? Duration.ofNanos(left) : Duration.ZERO);
        }
        thread.join(1_000);
    }
}
