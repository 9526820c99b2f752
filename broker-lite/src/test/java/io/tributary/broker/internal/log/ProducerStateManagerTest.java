package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestUtils.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerStateManagerTest {

    private static final long PID = 42L;
    private static final long HOUR = 3600_000L;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private long nextOffset;

    private ProducerStateManager manager() {
        return new ProducerStateManager(new TopicPartition("t", 0), dir, clock, 24 * HOUR);
    }

    /** Assigns offsets like the log does and records the batch. */
    private MutableRecordBatch append(ProducerStateManager m, MemoryRecords records) {
        MutableRecordBatch batch = records.batches().iterator().next();
        batch.setLastOffset(nextOffset + batch.lastOffset() - batch.baseOffset());
        nextOffset = batch.lastOffset() + 1;
        m.update(batch);
        return batch;
    }

    private static MutableRecordBatch first(MemoryRecords records) {
        return records.batches().iterator().next();
    }

    @Test
    void acceptsInOrderSequencesAndDetectsDuplicatesOfTheLastFiveBatches() {
        ProducerStateManager m = manager();
        for (int i = 0; i < 6; i++) {
            MemoryRecords r = idempotent(PID, (short) 0, 2 * i, 0, 2);
            assertThat(m.check(first(r))).isEqualTo(ProducerStateManager.CheckResult.OK);
            append(m, r);
        }
        ProducerStateManager.CheckResult dup = m.check(first(idempotent(PID, (short) 0, 10, 0, 2)));
        assertThat(dup).isEqualTo(new ProducerStateManager.CheckResult(true, 10, 11));
        // The first batch fell out of the 5-batch cache: it is out of order now, not a duplicate.
        assertThatThrownBy(() -> m.check(first(idempotent(PID, (short) 0, 0, 0, 2))))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThatThrownBy(() -> m.check(first(idempotent(PID, (short) 0, 13, 0, 2))))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(m.check(first(idempotent(PID, (short) 0, 12, 0, 2)))).isEqualTo(ProducerStateManager.CheckResult.OK);
    }

    @Test
    void unknownProducersMayStartAnywhereAndUntrackedBatchesAreIgnored() {
        ProducerStateManager m = manager();
        assertThat(m.check(first(idempotent(PID, (short) 3, 77, 0, 1)))).isEqualTo(ProducerStateManager.CheckResult.OK);
        assertThat(m.check(first(LogTestUtils.batch(0, 0, 1)))).isEqualTo(ProducerStateManager.CheckResult.OK);
        m.update(first(LogTestUtils.batch(0, 0, 1)));
        assertThat(m.producerCount()).isZero();
    }

    @Test
    void epochRules() {
        ProducerStateManager m = manager();
        append(m, idempotent(PID, (short) 5, 0, 0, 3));
        assertThatThrownBy(() -> m.check(first(idempotent(PID, (short) 4, 3, 0, 1))))
                .isInstanceOf(InvalidProducerEpochException.class);
        assertThatThrownBy(() -> m.check(first(idempotent(PID, (short) 6, 3, 0, 1))))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(m.check(first(idempotent(PID, (short) 6, 0, 0, 1)))).isEqualTo(ProducerStateManager.CheckResult.OK);
        append(m, idempotent(PID, (short) 6, 0, 0, 1));
        assertThat(m.epoch(PID)).contains((short) 6);
        assertThat(m.lastSequence(PID)).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void sequencesWrapAroundAtIntMax() {
        ProducerStateManager m = manager();
        append(m, idempotent(PID, (short) 0, Integer.MAX_VALUE - 1, 0, 3));
        assertThat(m.lastSequence(PID)).isEqualTo(OptionalLong.of(0));
        assertThat(m.check(first(idempotent(PID, (short) 0, 1, 0, 1)))).isEqualTo(ProducerStateManager.CheckResult.OK);
    }

    @Test
    void batchesOfOneRequestAreCheckedAgainstEachOther() {
        ProducerStateManager m = manager();
        append(m, idempotent(PID, (short) 0, 0, 0, 2));
        ProducerStateManager.AppendCheck check = m.newAppendCheck();
        assertThat(check.check(first(idempotent(PID, (short) 0, 2, 0, 2)))).isEqualTo(ProducerStateManager.CheckResult.OK);
        assertThat(check.check(first(idempotent(PID, (short) 0, 4, 0, 2)))).isEqualTo(ProducerStateManager.CheckResult.OK);
        assertThatThrownBy(() -> check.check(first(idempotent(PID, (short) 0, 9, 0, 2))))
                .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void snapshotRoundTripsAndExpiresIdleProducers() throws Exception {
        ProducerStateManager m = manager();
        append(m, idempotent(PID, (short) 1, 0, 0, 2));
        clock.advance(23 * HOUR);
        append(m, idempotent(7L, (short) 0, 0, 0, 1));
        clock.advance(2 * HOUR);
        m.writeSnapshot(nextOffset);
        assertThat(m.producerCount()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("producer.snapshot.tmp"))).isFalse();

        ProducerStateManager loaded = manager();
        assertThat(loaded.loadSnapshot()).isEqualTo(OptionalLong.of(3));
        assertThat(loaded.producerCount()).isEqualTo(1);
        assertThat(loaded.check(first(idempotent(7L, (short) 0, 0, 0, 1))).duplicate()).isTrue();
        assertThat(loaded.epoch(PID)).isEmpty();
    }

    @Test
    void corruptSnapshotIsIgnored() throws Exception {
        ProducerStateManager m = manager();
        append(m, idempotent(PID, (short) 1, 0, 0, 2));
        m.writeSnapshot(nextOffset);
        LogTestUtils.flipByte(dir.resolve("producer.snapshot"), 20);
        ProducerStateManager loaded = manager();
        assertThat(loaded.loadSnapshot()).isEmpty();
        assertThat(loaded.producerCount()).isZero();
    }
}
