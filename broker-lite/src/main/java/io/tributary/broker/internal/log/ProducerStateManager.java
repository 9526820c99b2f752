package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent-producer state of one partition: for each producer id its epoch and the metadata of its last
 * {@value #MAX_CACHED_BATCHES} batches, used to reject out-of-order sequences and answer retried batches with
 * their original offsets. Batches without a producer id are not tracked.
 *
 * <p>Snapshot format ({@code producer.snapshot} in the partition directory, big-endian, replaced atomically
 * by {@link AtomicFileWriter}):
 * <pre>
 *   int   magic 0x54505331 ("TPS1")
 *   short version (1)
 *   int   CRC32C of every byte after this field
 *   long  log end offset covered by the snapshot
 *   int   producer count, then per producer:
 *     long producerId, short epoch, long lastUpdateMs, int batchCount, then per batch:
 *       int firstSeq, int lastSeq, long firstOffset, long lastOffset, long maxTimestamp
 * </pre>
 * After loading a snapshot, the owner replays (via {@link #update}) the headers of all batches at or after
 * the snapshot's offset. Producers idle for longer than the expiration are dropped when a snapshot is written.
 *
 * <p>Thread-safety: not thread-safe; the owning {@link PartitionLog} calls it under its lock.
 */
final class ProducerStateManager {

    static final int MAX_CACHED_BATCHES = 5;
    static final String SNAPSHOT_FILE = "producer.snapshot";
    static final long DEFAULT_PRODUCER_ID_EXPIRATION_MS = 24L * 60 * 60 * 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);
    private static final int MAGIC = 0x54505331;
    private static final short VERSION = 1;
    private static final int HEADER_SIZE = 4 + 2 + 4;

    /** Metadata of one appended batch. */
    record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long maxTimestamp) {
    }

    /** Outcome of {@link AppendCheck#check}: a new batch ({@link #OK}) or a duplicate with its original offsets. */
    record CheckResult(boolean duplicate, long firstOffset, long lastOffset) {
        static final CheckResult OK = new CheckResult(false, -1L, -1L);
    }

    private static final class ProducerEntry {
        short epoch;
        long lastUpdateMs;
        final ArrayDeque<BatchMetadata> batches = new ArrayDeque<>();

        ProducerEntry(short epoch) {
            this.epoch = epoch;
        }

        int lastSeq() {
            return batches.isEmpty() ? RecordBatch.NO_SEQUENCE : batches.peekLast().lastSeq();
        }

        BatchMetadata findDuplicate(int firstSeq, int lastSeq) {
            for (BatchMetadata b : batches) {
                if (b.firstSeq() == firstSeq && b.lastSeq() == lastSeq) {
                    return b;
                }
            }
            return null;
        }
    }

    private record Pending(short epoch, int lastSeq) {
    }

    /**
     * Checks the batches of one append request in order; later batches of the same producer are checked
     * against the earlier ones of the same request, which are not in the state yet.
     */
    final class AppendCheck {
        private final Map<Long, Pending> pending = new HashMap<>();

        /**
         * @return {@link CheckResult#OK} for a new batch, or a duplicate result with the original offsets
         * @throws InvalidProducerEpochException if the epoch is older than the producer's current epoch
         * @throws OutOfOrderSequenceException   if the sequence does not follow the producer's last sequence
         */
        CheckResult check(RecordBatch batch) {
            if (!batch.hasProducerId()) {
                return CheckResult.OK;
            }
            long pid = batch.producerId();
            short epoch = batch.producerEpoch();
            int firstSeq = batch.baseSequence();
            int lastSeq = batch.lastSequence();
            if (firstSeq == RecordBatch.NO_SEQUENCE) {
                throw new InvalidRecordException("Batch of producer " + pid + " for " + tp + " has no sequence number");
            }
            Pending earlier = pending.get(pid);
            ProducerEntry entry = producers.get(pid);
            if (earlier != null) {
                checkSequence(pid, earlier.epoch(), earlier.lastSeq(), epoch, firstSeq);
            } else if (entry != null) {
                if (epoch == entry.epoch) {
                    BatchMetadata dup = entry.findDuplicate(firstSeq, lastSeq);
                    if (dup != null) {
                        return new CheckResult(true, dup.firstOffset(), dup.lastOffset());
                    }
                }
                checkSequence(pid, entry.epoch, entry.lastSeq(), epoch, firstSeq);
            }
            pending.put(pid, new Pending(epoch, lastSeq));
            return CheckResult.OK;
        }

        private void checkSequence(long pid, short knownEpoch, int knownLastSeq, short epoch, int firstSeq) {
            if (epoch < knownEpoch) {
                throw new InvalidProducerEpochException("Producer " + pid + " for " + tp + " has epoch " + epoch
                        + " but the current epoch is " + knownEpoch);
            }
            if (epoch > knownEpoch) {
                if (firstSeq != 0) {
                    throw new OutOfOrderSequenceException("Producer " + pid + " for " + tp + " bumped its epoch to "
                            + epoch + " but its first sequence is " + firstSeq + " instead of 0");
                }
                return;
            }
            int expected = DefaultRecordBatch.incrementSequence(knownLastSeq, 1);
            if (knownLastSeq != RecordBatch.NO_SEQUENCE && firstSeq != expected) {
                throw new OutOfOrderSequenceException("Out of order sequence number for producer " + pid + " at "
                        + tp + ": expected " + expected + " but got " + firstSeq);
            }
        }
    }

    private final TopicPartition tp;
    private final Path snapshotFile;
    private final Clock clock;
    private final long producerIdExpirationMs;
    private final Map<Long, ProducerEntry> producers = new HashMap<>();

    ProducerStateManager(TopicPartition tp, Path partitionDir, Clock clock, long producerIdExpirationMs) {
        this.tp = tp;
        this.snapshotFile = partitionDir.resolve(SNAPSHOT_FILE);
        this.clock = clock;
        this.producerIdExpirationMs = producerIdExpirationMs;
    }

    /** Starts checking the batches of one append request. */
    AppendCheck newAppendCheck() {
        return new AppendCheck();
    }

    /** Checks a single batch against the current state (see {@link AppendCheck#check}). */
    CheckResult check(RecordBatch batch) {
        return new AppendCheck().check(batch);
    }

    /** Records a batch whose offsets have been assigned (an append, or a replay of the log on load). */
    void update(RecordBatch batch) {
        if (!batch.hasProducerId()) {
            return;
        }
        short epoch = batch.producerEpoch();
        ProducerEntry entry = producers.computeIfAbsent(batch.producerId(), id -> new ProducerEntry(epoch));
        if (entry.epoch != epoch) {
            entry.epoch = epoch;
            entry.batches.clear();
        }
        entry.batches.addLast(new BatchMetadata(batch.baseSequence(), batch.lastSequence(), batch.baseOffset(),
                batch.lastOffset(), batch.maxTimestamp()));
        while (entry.batches.size() > MAX_CACHED_BATCHES) {
            entry.batches.removeFirst();
        }
        entry.lastUpdateMs = clock.millis();
    }

    /** Forgets every producer. */
    void clear() {
        producers.clear();
    }

    int producerCount() {
        return producers.size();
    }

    /** Epoch of a producer, if known. */
    Optional<Short> epoch(long producerId) {
        ProducerEntry e = producers.get(producerId);
        return e == null ? Optional.empty() : Optional.of(e.epoch);
    }

    /** Last sequence number of a producer, if known. */
    OptionalLong lastSequence(long producerId) {
        ProducerEntry e = producers.get(producerId);
        return e == null || e.batches.isEmpty() ? OptionalLong.empty() : OptionalLong.of(e.lastSeq());
    }

    /**
     * Drops producers idle for longer than the expiration, then atomically writes the state as of
     * {@code logEndOffset}.
     */
    void writeSnapshot(long logEndOffset) throws IOException {
        long now = clock.millis();
        int expired = 0;
        for (Iterator<ProducerEntry> it = producers.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastUpdateMs > producerIdExpirationMs) {
                it.remove();
                expired++;
            }
        }
        if (expired > 0) {
            LOG.info("Expired {} idle producer ids of {}", expired, tp);
        }
        int size = HEADER_SIZE + 8 + 4;
        for (ProducerEntry e : producers.values()) {
            size += 8 + 2 + 8 + 4 + e.batches.size() * (4 + 4 + 8 + 8 + 8);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(MAGIC).putShort(VERSION).putInt(0);
        buf.putLong(logEndOffset).putInt(producers.size());
        for (Map.Entry<Long, ProducerEntry> me : producers.entrySet()) {
            ProducerEntry e = me.getValue();
            buf.putLong(me.getKey()).putShort(e.epoch).putLong(e.lastUpdateMs).putInt(e.batches.size());
            for (BatchMetadata b : e.batches) {
                buf.putInt(b.firstSeq()).putInt(b.lastSeq()).putLong(b.firstOffset()).putLong(b.lastOffset())
                        .putLong(b.maxTimestamp());
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), HEADER_SIZE, size - HEADER_SIZE);
        buf.putInt(6, (int) crc.getValue());
        buf.flip();
        AtomicFileWriter.write(snapshotFile, buf);
    }

    /**
     * Replaces the in-memory state with the snapshot file's content.
     *
     * @return the log end offset the snapshot covers, or empty if there is no snapshot or it is corrupt
     *         (logged; the state is then empty)
     */
    OptionalLong loadSnapshot() throws IOException {
        producers.clear();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(snapshotFile);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            if (buf.getInt() != MAGIC || buf.getShort() != VERSION) {
                throw new IllegalStateException("unknown magic or version");
            }
            int storedCrc = buf.getInt();
            CRC32C crc = new CRC32C();
            crc.update(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE);
            if ((int) crc.getValue() != storedCrc) {
                throw new IllegalStateException("checksum mismatch");
            }
            long offset = buf.getLong();
            int count = buf.getInt();
            for (int i = 0; i < count; i++) {
                long pid = buf.getLong();
                ProducerEntry e = new ProducerEntry(buf.getShort());
                e.lastUpdateMs = buf.getLong();
                int n = buf.getInt();
                for (int j = 0; j < n; j++) {
                    e.batches.addLast(new BatchMetadata(buf.getInt(), buf.getInt(), buf.getLong(), buf.getLong(),
                            buf.getLong()));
                }
                producers.put(pid, e);
            }
            if (buf.hasRemaining()) {
                throw new IllegalStateException(buf.remaining() + " trailing bytes");
            }
            return OptionalLong.of(offset);
        } catch (IllegalStateException | BufferUnderflowException e) {
            LOG.warn("Ignoring corrupt producer snapshot {} of {}: {}", snapshotFile, tp, e.getMessage());
            producers.clear();
            return OptionalLong.empty();
        }
    }
}
