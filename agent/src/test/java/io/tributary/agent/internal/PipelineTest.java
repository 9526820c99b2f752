package io.tributary.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.agent.internal.pipeline.OutboundRecord;
import io.tributary.agent.internal.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static OutboundRecord record(int valueBytes) {
        return new OutboundRecord("t", new byte[4], new byte[valueBytes], 0, () -> { }, OutboundRecord.Origin.REPLAYABLE);
    }

    /** A replayable source on its own thread putting {@code events} records of {@code valueBytes}, counting each admitted. */
    private static Thread startSource(Pipeline p, int events, int valueBytes, AtomicInteger admitted) {
        Thread source = new Thread(() -> {
            try {
                for (int i = 0; i < events; i++) {
                    p.put(record(valueBytes), () -> false);
                    admitted.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        source.start();
        return source;
    }

    @Test
    void aFullPipelineBlocksTheSourceUntilTheBrokerAcknowledges() throws Exception {
        Pipeline p = new Pipeline(3, 1 << 20);
        AtomicInteger admitted = new AtomicInteger();
        Thread source = startSource(p, 10, 10, admitted);
        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.get() == 3 && p.blockedPuts() == 1);
        assertThat(p.heldEvents()).isEqualTo(3);

        // Taking records (handing them to the producer) frees nothing: only acknowledgements do.
        List<OutboundRecord> taken = p.take(10, 10);
        assertThat(taken).hasSize(3);
        assertThat(admitted.get()).isEqualTo(3);
        p.release(taken.get(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.get() == 4);
        assertThat(p.heldEvents()).isEqualTo(3);
        source.interrupt();
        source.join(5_000);
    }

    @Test
    void bytesAreBoundedToo() {
        Pipeline p = new Pipeline(1000, 1000);
        assertThat(p.tryPut(record(600))).isTrue();
        assertThat(p.tryPut(record(600))).isFalse();
        assertThat(p.heldBytes()).isLessThanOrEqualTo(1000);
        // A single record larger than the bound still gets through an empty pipeline.
        Pipeline small = new Pipeline(1000, 100);
        assertThat(small.tryPut(record(5000))).isTrue();
    }

    @Test
    void aStoppedSourceIsReleasedFromAWaitingPut() throws Exception {
        Pipeline p = new Pipeline(1, 1 << 20);
        p.put(record(1), () -> false);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean refused = new AtomicBoolean();
        Thread source = new Thread(() -> {
            try {
                p.put(record(1), stopped::get);
            } catch (IllegalStateException e) {
                refused.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        source.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> p.blockedPuts() == 1);
        stopped.set(true);
        p.wakeAll();
        source.join(5_000);
        assertThat(refused).isTrue();
        assertThatThrownBy(() -> p.put(record(1), () -> true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSourceWaitsWhileTheQueueIsFullEvenWithCapacityLeftAndTheOutputTakingWakesIt() throws Exception {
        Pipeline p = new Pipeline(100_000, 1L << 30);
        int queueBound = 4096; // Pipeline.MAX_QUEUED
        for (int i = 0; i < queueBound; i++) {
            p.put(record(1), () -> false);
        }
        AtomicInteger admitted = new AtomicInteger();
        Thread source = startSource(p, 1, 1, admitted);
        await().atMost(Duration.ofSeconds(5)).until(() -> p.blockedPuts() == 1);
        // Live samples of non-replayable sources are not held back by the queue bound.
        assertThat(p.tryPut(record(1))).isTrue();
        assertThat(admitted.get()).isZero();

        assertThat(p.take(1024, 10)).hasSize(1024);
        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.get() == 1);
        assertThat(p.heldEvents()).isEqualTo(queueBound + 2); // taken records hold capacity until acknowledged
        source.join(5_000);
    }

    @Test
    void aSourceWaitingForCapacityGetsInOnceEnoughIsAcknowledged() throws Exception {
        Pipeline p = new Pipeline(80, 1 << 20); // 72 for a replayable source, 8 kept in reserve
        AtomicInteger admitted = new AtomicInteger();
        Thread source = startSource(p, 200, 10, admitted);
        // Acknowledge whatever the output takes, one record at a time, until the source is through.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (OutboundRecord r : p.take(1024, 1)) {
                p.release(r);
            }
            return admitted.get() == 200;
        });
        source.join(5_000);
    }
}
