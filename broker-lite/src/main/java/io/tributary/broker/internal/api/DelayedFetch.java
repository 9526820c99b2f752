package io.tributary.broker.internal.api;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.tributary.broker.internal.topic.PartitionWatchers;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A fetch waiting for data (Kafka's long poll). It re-reads its partitions whenever one of them
 * gets an append and completes once minBytes are available, or with whatever there is when
 * maxWaitMs passes. Every step runs on the connection's event loop, so no locking is needed;
 * appends on other threads only schedule a re-read.
 */
final class DelayedFetch implements Runnable {
    private final EventExecutor loop;
    private final PartitionWatchers watchers;
    private final List<TopicPartition> partitions;
    private final Supplier<FetchHandler.Read> reader;
    private final int minBytes;
    private final CompletableFuture<ApiMessage> result = new CompletableFuture<>();
    private ScheduledFuture<?> timeout;
    private final AtomicBoolean recheckScheduled = new AtomicBoolean();

    DelayedFetch(EventExecutor loop, PartitionWatchers watchers, List<TopicPartition> partitions,
                 Supplier<FetchHandler.Read> reader, int minBytes) {
        this.loop = loop;
        this.watchers = watchers;
        this.partitions = partitions;
        this.reader = reader;
        this.minBytes = minBytes;
    }

    CompletableFuture<ApiMessage> start(int maxWaitMs) {
        watchers.watch(partitions, this);
        timeout = loop.schedule(() -> finish(reader.get()), maxWaitMs, TimeUnit.MILLISECONDS);
        // Data may have arrived between the first read and the registration above.
        recheck();
        return result;
    }

    /** Called by the appending thread. */
    @Override
    public void run() {
        if (recheckScheduled.compareAndSet(false, true)) {
            loop.execute(this::recheck);
        }
    }

    private void recheck() {
        recheckScheduled.set(false);
        if (result.isDone()) {
            return;
        }
        FetchHandler.Read read = reader.get();
        if (read.bytes >= minBytes || read.failed) {
            finish(read);
        }
    }

    private void finish(FetchHandler.Read read) {
        if (result.isDone()) {
            return;
        }
        watchers.unwatch(partitions, this);
        if (timeout != null) {
            timeout.cancel(false);
        }
        result.complete(read.response);
    }
}
