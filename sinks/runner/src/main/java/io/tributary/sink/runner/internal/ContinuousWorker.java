package io.tributary.sink.runner.internal;

import io.tributary.sink.api.SinkException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Continuous mode: streams records into the sink, committing a batch whenever it is full (count
 * or bytes) or its oldest record waited {@code batch.max-wait-ms}. Runs on its own thread until
 * {@link #stop()}, then commits what is pending and leaves the group.
 */
public final class ContinuousWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ContinuousWorker.class);
    private static final long STANDALONE_REFRESH_NANOS = 5_000_000_000L;

    private final String name;
    private final SinkConsumer consumer;
    private final Consumer<Exception> onFailure;
    private volatile boolean stopping;

    ContinuousWorker(String name, SinkConsumer consumer, Consumer<Exception> onFailure) {
        this.name = name;
        this.consumer = consumer;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        try {
            consumer.start();
            long lastRefresh = System.nanoTime();
            PendingBatch pending = consumer.pending();
            while (!stopping) {
                long now = System.nanoTime();
                long waitNanos = Math.max(1_000_000L, Math.min(pending.nanosUntilDue(now), 500_000_000L));
                try {
                    consumer.poll(Duration.ofNanos(waitNanos));
                } catch (WakeupException e) {
                    break;
                }
                now = System.nanoTime();
                consumer.collectIfDone();
                if (pending.isDue(now)) {
                    consumer.flush();
                }
                if (consumer.standalone() && now - lastRefresh > STANDALONE_REFRESH_NANOS) {
                    consumer.refreshStandaloneAssignment();
                    lastRefresh = now;
                }
            }
            consumer.flushAndWait();
            log.info("sink {}: stopped after loading {} rows ({} rejected)", name, consumer.rows(), consumer.rejected());
        } catch (SinkException | RuntimeException e) {
            log.error("sink {}: stopped: {}", name, e.getMessage());
            onFailure.accept(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    public void stop() {
        stopping = true;
        consumer.wakeup();
    }
}
