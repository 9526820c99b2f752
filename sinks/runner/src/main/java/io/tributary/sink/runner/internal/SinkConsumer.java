package io.tributary.sink.runner.internal;

import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.runner.InputSettings;
import io.tributary.sink.runner.SinkSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One sink's Kafka consumer, its pending batch and the offset bookkeeping between them.
 *
 * <p>Group mode ({@code subscribe}): on assignment, the sink's stored next offsets are sought
 * (that is what makes a sink that stores offsets exactly-once: the group's committed offsets are
 * only a fallback); on revocation the pending batch is committed first; on loss (the member was
 * thrown out) it is dropped, since another member owns those partitions now. Standalone mode
 * ({@code assign}): every partition of the topics, sought the same way.
 *
 * <p>Built directly on {@link KafkaConsumer} rather than on a higher stream layer because
 * exactly-once needs control of exactly these three moments (seek on assignment, commit on
 * revocation, Kafka commit only after the sink's commit). Not thread-safe: owned by one thread.
 */
final class SinkConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkConsumer.class);

    private final SinkSpec spec;
    private final InputSettings input;
    private final Sink sink;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PendingBatch pending;
    private final BatchCommitter committer;
    private final Set<SinkPartition> owned = new TreeSet<>();
    private final ExecutorService writer;
    private Future<BatchCommitter.Committed> inFlight;
    private Map<SinkPartition, Long> inFlightOffsets;
    private SinkException failureInCallback;
    private boolean joined;
    private long rows;
    private long rejected;
    private long bytes;

    SinkConsumer(InputSettings input, SinkSpec spec, Sink sink, BatchCommitter committer, int maxPollRecords) {
        this.spec = spec;
        this.input = input;
        this.sink = sink;
        this.committer = committer;
        this.pending = new PendingBatch(spec.batch());
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, input.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, spec.group());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-sink-" + spec.name());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        // A long-polling fetch delays other requests on the connection (ListOffsets at the end of a load run).
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.putAll(input.consumer());
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sink-" + spec.name() + "-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Joins the group (subscribe) or, standalone, assigns every partition that exists now. */
    void start() throws SinkException {
        if (input.standalone()) {
            refreshStandaloneAssignment();
        } else {
            consumer.subscribe(spec.topics(), new Listener());
        }
    }

    /** Standalone: adds partitions that appeared since the last call (new topic, more partitions). */
    void refreshStandaloneAssignment() throws SinkException {
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : spec.topics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(consumer.assignment());
        if (!added.isEmpty()) {
            consumer.assign(all);
            seekToStored(added);
        }
    }

    boolean standalone() {
        return input.standalone();
    }

    /** Polls; records go to the pending batch. Exceptions raised by the sink inside rebalance callbacks surface here. */
    int poll(Duration timeout) throws SinkException {
        return poll(timeout, null);
    }

    /**
     * Polls, keeping only records below {@code limits} (end offsets of a load run; null = no limit).
     * Records past a limit are skipped here and read again by the next run, which starts from the
     * committed offsets.
     */
    int poll(Duration timeout, Map<TopicPartition, Long> limits) throws SinkException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        if (failureInCallback != null) {
            SinkException failure = failureInCallback;
            failureInCallback = null;
            throw failure;
        }
        long now = System.nanoTime();
        int kept = 0;
        // Per partition, not per record: the limit and the partition's next offset are looked up once.
        for (TopicPartition tp : records.partitions()) {
            long limit = limits == null ? Long.MAX_VALUE : limits.getOrDefault(tp, 0L);
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(tp);
            List<SinkRecord> added = new ArrayList<>(inPartition.size());
            for (ConsumerRecord<byte[], byte[]> r : inPartition) {
                if (r.offset() >= limit) {
                    break; // offsets ascend within a partition
                }
                added.add(new SinkRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
            }
            pending.addAll(new SinkPartition(tp.topic(), tp.partition()), added, now);
            kept += added.size();
        }
        return kept;
    }

    /** The assigned partitions whose position reached their limit; they are paused so no more is fetched. */
    Set<TopicPartition> pauseReached(Map<TopicPartition, Long> limits) {
        Set<TopicPartition> reached = consumer.assignment().stream()
                .filter(tp -> consumer.position(tp) >= limits.getOrDefault(tp, 0L))
                .collect(Collectors.toSet());
        consumer.pause(reached);
        return reached;
    }

    /** Group mode: whether the first rebalance completed (the assignment may be empty). Standalone: always. */
    boolean joined() {
        return joined || input.standalone();
    }

    PendingBatch pending() {
        return pending;
    }

    Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    long position(TopicPartition tp) {
        return consumer.position(tp);
    }

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return consumer.endOffsets(partitions, Duration.ofSeconds(30));
    }

    /** Every partition of the sink's topics (for end offsets at trigger time). */
    Set<TopicPartition> allPartitions() {
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : spec.topics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return all;
    }

    /**
     * Hands the pending batch to the writer thread and returns; at most one batch is in flight, so
     * this first waits for the previous one (and commits its offsets to the group). Fetching the
     * next batch thus overlaps with the sink writing this one.
     */
    void flush() throws SinkException, InterruptedException {
        awaitInFlight();
        if (pending.isEmpty()) {
            return;
        }
        PendingBatch.Taken batch = pending.take();
        Map<SinkPartition, Long> next = Map.copyOf(batch.nextOffsets());
        inFlightOffsets = next;
        inFlight = writer.submit(() -> committer.commit(batch.records(), next, batch.bytes()));
    }

    /** Flushes and waits until the sink committed everything handed over. */
    void flushAndWait() throws SinkException, InterruptedException {
        flush();
        awaitInFlight();
    }

    /** If the batch in flight is done, collects it (surfacing its failure); never blocks. */
    void collectIfDone() throws SinkException, InterruptedException {
        if (inFlight != null && inFlight.isDone()) {
            awaitInFlight();
        }
    }

    private void awaitInFlight() throws SinkException, InterruptedException {
        if (inFlight == null) {
            return;
        }
        Future<BatchCommitter.Committed> done = inFlight;
        inFlight = null;
        BatchCommitter.Committed committed;
        try {
            committed = done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SinkException se) {
                throw se;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SinkException("sink " + spec.name() + " failed: " + e.getCause(), e.getCause());
        }
        rows += committed.rows();
        rejected += committed.rejected();
        bytes += committed.bytes();
        commitToGroup(inFlightOffsets);
    }

    private void commitToGroup(Map<SinkPartition, Long> next) {
        if (input.standalone()) {
            return; // no group membership: the sink's own offsets are the only ones
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = next.entrySet().stream().collect(Collectors.toMap(
                e -> new TopicPartition(e.getKey().topic(), e.getKey().partition()), e -> new OffsetAndMetadata(e.getValue())));
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(30));
        } catch (KafkaException e) {
            if (sink.storesOffsets()) {
                // The sink holds the authoritative offsets; the group's copy only feeds lag reports.
                log.warn("sink {}: could not commit group offsets (the sink's own are stored): {}", spec.name(), e.getMessage());
            } else {
                throw e;
            }
        }
    }

    long rows() {
        return rows;
    }

    long rejected() {
        return rejected;
    }

    long bytes() {
        return bytes;
    }

    private void seekToStored(Collection<TopicPartition> partitions) throws SinkException {
        try {
            awaitInFlight(); // the sink is never called from two threads at once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while waiting for the batch in flight");
        }
        Set<SinkPartition> assigned = partitions.stream().map(tp -> new SinkPartition(tp.topic(), tp.partition()))
                .collect(Collectors.toCollection(TreeSet::new));
        Map<SinkPartition, Long> stored = sink.assigned(assigned);
        owned.addAll(assigned);
        for (TopicPartition tp : partitions) {
            Long next = stored.get(new SinkPartition(tp.topic(), tp.partition()));
            if (next != null) {
                consumer.seek(tp, next);
            } else if (input.standalone()) {
                consumer.seekToBeginning(List.of(tp));
            } // group mode: the committed offset, or auto.offset.reset=earliest
        }
        log.info("sink {}: assigned {}", spec.name(), describe(assigned, stored));
        Map<SinkPartition, Long> storedOfAssigned = new HashMap<>(stored);
        storedOfAssigned.keySet().retainAll(assigned);
        if (!storedOfAssigned.isEmpty()) {
            // A crash between the sink's commit and the group commit leaves the group's copy behind; a
            // partition with nothing new to load would never move it, so lag would show rows long loaded.
            commitToGroup(storedOfAssigned);
        }
    }

    private static String describe(Set<SinkPartition> assigned, Map<SinkPartition, Long> stored) {
        return assigned.stream().map(p -> stored.containsKey(p) ? p + " from " + stored.get(p) : p + " (no stored offset)")
                .collect(Collectors.joining(", "));
    }

    private Set<SinkPartition> toSink(Collection<TopicPartition> partitions) {
        return partitions.stream().map(tp -> new SinkPartition(tp.topic(), tp.partition()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
            if (partitions.isEmpty() || failureInCallback != null) {
                return;
            }
            try {
                seekToStored(partitions);
            } catch (SinkException e) {
                failureInCallback = e;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || failureInCallback != null) {
                return;
            }
            try {
                flushAndWait();
                Set<SinkPartition> revoked = toSink(partitions);
                owned.removeAll(revoked);
                sink.revoked(revoked);
                log.info("sink {}: revoked {}", spec.name(), revoked);
            } catch (SinkException e) {
                failureInCallback = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            try {
                // A batch already handed over may still commit; the sink's offset fencing rejects it if another member wrote first.
                awaitInFlight();
            } catch (SinkException e) {
                log.warn("sink {}: the batch in flight when partitions were lost failed: {}", spec.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Set<SinkPartition> lost = toSink(partitions);
            pending.drop(lost);
            owned.removeAll(lost);
            log.warn("sink {}: lost {} (another member owns them now); uncommitted records there are dropped", spec.name(), lost);
            try {
                sink.revoked(lost);
            } catch (SinkException e) {
                failureInCallback = e;
            }
        }
    }

    /** Leaves the group (after the caller flushed). */
    @Override
    public void close() {
        if (inFlight != null) {
            try {
                inFlight.get();
            } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
                log.debug("batch in flight at close did not complete", e);
            }
        }
        writer.shutdown();
        consumer.close(Duration.ofSeconds(10));
    }

    void wakeup() {
        consumer.wakeup();
    }
}
