package io.tributary.sink.runner.internal;

import io.tributary.sink.api.SinkException;
import io.tributary.sink.runner.LoadReport;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One scheduled load: captures the end offset of every partition of the sink's topics at the
 * trigger, joins the group (or assigns everything, standalone), drains each assigned partition up
 * to that offset, commits, leaves, and reports. Records produced after the trigger are left for
 * the next run. Partitions handed to this member by a rebalance during the run are drained to
 * the same trigger-time offsets.
 */
final class LoadRun {
    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

    private final String name;
    private final Supplier<SinkConsumer> consumers;

    LoadRun(String name, Supplier<SinkConsumer> consumers) {
        this.name = name;
        this.consumers = consumers;
    }

    LoadReport run() throws SinkException, InterruptedException {
        long started = System.nanoTime();
        try (SinkConsumer consumer = consumers.get()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.allPartitions());
            consumer.start();
            PendingBatch pending = consumer.pending();
            while (true) {
                long waitNanos = Math.max(1_000_000L, Math.min(pending.nanosUntilDue(System.nanoTime()), 200_000_000L));
                consumer.poll(Duration.ofNanos(waitNanos), ends);
                consumer.collectIfDone();
                if (pending.isFull()) {
                    consumer.flush();
                }
                if (consumer.joined()) {
                    Set<TopicPartition> assigned = consumer.assignment();
                    Set<TopicPartition> reached = consumer.pauseReached(ends);
                    if (reached.containsAll(assigned)) {
                        break;
                    }
                }
            }
            consumer.flushAndWait();
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, Long> now = consumer.endOffsets(assigned);
            long lag = assigned.stream().mapToLong(tp -> now.getOrDefault(tp, 0L) - Math.min(consumer.position(tp), ends.getOrDefault(tp, 0L))).sum();
            double seconds = (System.nanoTime() - started) / 1e9;
            LoadReport report = new LoadReport(name, consumer.rows(), consumer.rejected(), consumer.bytes(), seconds, lag);
            log.info("{}", report);
            return report;
        }
    }
}
