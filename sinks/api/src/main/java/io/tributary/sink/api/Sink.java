package io.tributary.sink.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sink loads records pulled from topics into a destination (a database table, files, ...).
 * The sink runner drives one instance per configured sink and never calls it concurrently: calls
 * may come from two threads (the consumer thread for {@code assigned}/{@code revoked}, a writer
 * thread for {@code write}/{@code commit}/{@code abort}, so that fetching the next batch overlaps
 * with writing this one), always with a happens-before edge between them, so a sink needs no locks.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>{@link #open(SinkContext)}: once, before anything else. Connect, create tables if absent.
 *       Throw {@link SinkException} if the destination is unusable (bad credentials, ...).</li>
 *   <li>{@link #assigned(Set)}: the runner now owns these partitions (a consumer-group rebalance,
 *       or the start of a scheduled load run). The sink returns the <em>next offset</em> it has
 *       stored for each partition it knows; the runner seeks there. Partitions missing from the
 *       returned map start at the group's committed offset (or the earliest one).</li>
 *   <li>{@link #write(List)}: zero or more times, each with a batch of records in offset order per
 *       partition. The sink stages them (for a database: inside an open transaction). Records it
 *       cannot store (unparseable, violating the table schema) it returns as
 *       {@link RejectedRecord}s with a reason instead of failing the batch; see
 *       {@link SinkContext#deadLetter()} for who stores them.</li>
 *   <li>{@link #commit(Map)}: make everything written since the last commit durable, together with
 *       the given next offsets (offset of the last record handed over + 1, per partition), then
 *       return. Only after this returns does the runner commit these offsets to the consumer group.</li>
 *   <li>{@link #abort()}: after a failed {@code write} or {@code commit}: discard everything since
 *       the last successful commit. The runner then retries the same records (retriable error) or
 *       stops the sink (fatal error).</li>
 *   <li>{@link #revoked(Set)}: the runner no longer owns these partitions; a commit of everything
 *       handed over for them has happened just before. Release per-partition resources.</li>
 *   <li>{@link #close()}: once, at the end. Uncommitted work is discarded.</li>
 * </ol>
 *
 * <h2>Offsets and exactly-once</h2>
 * A sink chooses one of two contracts through {@link #storesOffsets()}:
 * <ul>
 *   <li><b>Exactly-once</b> ({@code true}): {@code commit} stores the next offsets <em>atomically
 *       with the data</em> (same database transaction, e.g. a {@code tributary_offsets} table with
 *       columns sink, topic, partition, next offset; or file names that carry the offset range and
 *       appear by atomic rename), and {@code assigned} reports them back. A crash at any point
 *       then either keeps a batch with its offsets or loses both, and the restart resumes exactly
 *       after the last stored record.</li>
 *   <li><b>At-least-once</b> ({@code false}): the sink keeps no offsets ({@code assigned} returns an
 *       empty map); the runner commits the group's offsets after each successful {@code commit}. A
 *       crash between the two replays the last batch.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Throw {@link RetriableSinkException} for conditions that may pass (connection lost, deadlock,
 * disk momentarily full): the runner aborts, backs off and retries the same batch. Throw
 * {@link SinkException} for anything else: the runner aborts and stops this sink with that message.
 */
public interface Sink extends AutoCloseable {

    /** Step 1. */
    void open(SinkContext context) throws SinkException;

    /** Whether this sink stores offsets with its data (exactly-once) or leaves them to the runner. */
    boolean storesOffsets();

    /** Step 2: returns the stored next offset of each known partition (empty when {@code !storesOffsets()}). */
    Map<SinkPartition, Long> assigned(Set<SinkPartition> partitions) throws SinkException;

    /** Step 3: stages a batch; returns the records it rejected, each with its reason. */
    List<RejectedRecord> write(List<SinkRecord> records) throws SinkException;

    /** Step 4: makes the staged records durable together with these next offsets. */
    void commit(Map<SinkPartition, Long> nextOffsets) throws SinkException;

    /** Step 5: discards everything staged since the last commit. Must not throw. */
    void abort();

    /** Step 6. */
    default void revoked(Set<SinkPartition> partitions) throws SinkException {
    }

    /** Step 7: releases everything; uncommitted records are discarded. Must not throw. */
    @Override
    void close();
}
