package io.tributary.sink.runner.internal;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.RejectedRecord;
import io.tributary.sink.api.RetriableSinkException;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.runner.RetrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Hands one batch to the sink as a unit: write, dead letters, commit with the next offsets. A
 * {@link RetriableSinkException} aborts the unit, backs off and retries the same records; a fatal
 * {@link SinkException} aborts and propagates.
 */
final class BatchCommitter {
    private static final Logger log = LoggerFactory.getLogger(BatchCommitter.class);

    /** Totals of one committed batch. */
    record Committed(long rows, long rejected, long bytes) {
    }

    private final String sinkName;
    private final Sink sink;
    private final RetrySettings retry;
    private final DeadLetterTopic deadLetterTopic;
    private final SinkObserver observer;

    BatchCommitter(String sinkName, Sink sink, RetrySettings retry, DeadLetter deadLetter, DeadLetterTopic deadLetterTopic,
                   SinkObserver observer) {
        this.observer = observer;
        this.sinkName = sinkName;
        this.sink = sink;
        this.retry = retry;
        this.deadLetterTopic = deadLetter instanceof DeadLetter.Topic ? deadLetterTopic : null;
    }

    Committed commit(List<SinkRecord> records, Map<SinkPartition, Long> nextOffsets, long bytes)
            throws SinkException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                List<RejectedRecord> rejected = records.isEmpty() ? List.of() : sink.write(records);
                long written = System.nanoTime();
                if (!rejected.isEmpty()) {
                    log.warn("sink {}: {} record(s) rejected to dead letters, first: {}: {}", sinkName, rejected.size(),
                            rejected.get(0).record(), rejected.get(0).reason());
                    if (deadLetterTopic != null) {
                        deadLetterTopic.send(rejected);
                    }
                }
                sink.commit(nextOffsets);
                observer.batchCommitted(sinkName, records.size() - rejected.size(), rejected.size(), System.nanoTime() - started);
                log.debug("sink {}: batch of {} records: write {} ms, commit {} ms", sinkName, records.size(),
                        (written - started) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
                if (attempt > 1) {
                    log.info("sink {}: batch of {} records committed after {} attempts", sinkName, records.size(), attempt);
                }
                return new Committed(records.size() - rejected.size(), rejected.size(), bytes);
            } catch (RetriableSinkException e) {
                sink.abort();
                if (retry.maxAttempts() > 0 && attempt >= retry.maxAttempts()) {
                    throw new SinkException("gave up after " + attempt + " attempts: " + e.getMessage(), e);
                }
                long backoff = retry.backoffMs(attempt);
                log.warn("sink {}: retriable error, retrying in {} ms (attempt {}): {}", sinkName, backoff, attempt, e.getMessage());
                Thread.sleep(backoff);
            } catch (SinkException | RuntimeException e) {
                sink.abort();
                throw e;
            }
        }
    }
}
