package io.tributary.agent.internal.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The bounded in-memory buffer between sources and the broker.
 *
 * <p>A record <em>holds</em> capacity from {@link #put} until the broker acknowledged it
 * ({@link #release}), so memory stays bounded whether records wait here or in the producer.
 * Bounds: at most {@code maxEvents} records and {@code maxBytes} of {@link OutboundRecord#weight()}
 * (one record larger than {@code maxBytes} is still admitted into an empty pipeline, so it
 * cannot block forever). The output takes queued records in FIFO order. A replayable source's
 * put also waits while {@link #MAX_QUEUED} records are queued and not yet taken, so a source
 * faster than the output does not keep the whole capacity waiting in the queue.
 *
 * <p>A tenth of the capacity is kept for {@link #tryPut} and {@code put(.., true)} (live
 * samples of non-replayable sources and the spool drainer): a busy file source that keeps the
 * pipeline full then cannot push a host's metrics to disk for no better reason.
 *
 * <p>Thread-safe: sources put, the output thread takes, the producer's I/O thread releases.
 * Per-event costs are kept off the lock where possible, since every event passes here: the
 * held counts are atomics, so a {@link #release} takes the lock only when a put is waiting for
 * room; and a waiting {@link #take} is woken when the queue becomes non-empty and then, if
 * only a few records are queued, once {@link #WAKE_BATCH} are (or after {@link #GATHER_NANOS}),
 * instead of once per record. Batching happens in the producer anyway (linger), so gathering
 * a millisecond adds no latency that matters.
 */
public final class Pipeline {
    /** Queued records at which a gathering {@link #take} is woken. */
    static final int WAKE_BATCH = 256;
    /** How long a {@link #take} that found few records waits for more. */
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Queued records (not yet taken by the output) at which a replayable source's {@link #put}
     * waits, however much capacity is left: a source faster than the output would otherwise keep
     * the whole capacity queued, and every one of those records lives long enough to be copied
     * and promoted by the young collections (on the agent's small heap most of its GC work). The
     * output takes up to 1024 at a time, so this still keeps it fed; records sent and waiting for
     * their acknowledgement are bounded by the capacity alone.
     */
    static final int MAX_QUEUED = 4096;

    private final int maxEvents;
    private final long maxBytes;
    private final int reserveEvents;
    private final long reserveBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<OutboundRecord> queue = new ArrayDeque<>();
    /**
     * Held records (above bit {@link #EVENT_SHIFT}) and held bytes (below) in one atomic: a put and a
     * release each change both, and the source and the producer's I/O thread do that for every event,
     * on two cores; one atomic per event each instead of two (one cache line passed back and forth).
     */
    private final AtomicLong held = new AtomicLong();
    private static final int EVENT_SHIFT = 40;
    private static final long ONE_EVENT = 1L << EVENT_SHIFT;
    private static final long BYTES_MASK = ONE_EVENT - 1;
    /** Bounds of what {@link #held} can count: 2^23 - 1 records, 2^40 - 1 bytes (far above what fits in memory). */
    private static final int MAX_EVENTS = (1 << 23) - 1;
    private static final long MAX_BYTES = BYTES_MASK;
    /** Puts waiting for room in the queue or capacity (changed under the lock). */
    private int waitingPuts;
    /** Puts waiting for capacity (changed under the lock, read by {@link #release} without it). */
    private volatile int capacityWaiters;
    /**
     * A put waiting for capacity is woken once held records and bytes are both at or below these
     * (an eighth of the capacity below the full mark), not on every release: a source faster
     * than the broker's acknowledgements would otherwise be woken, put one record and wait again
     * for every acknowledgement, and take the lock against the producer's I/O thread each time.
     */
    private final int wakeEvents;
    private final long wakeBytes;
    /**
     * Set by the release that signals waiting puts, cleared by a put before it checks for room
     * again and waits: the acknowledgements of a whole batch arrive in one burst, and without it
     * every release of the burst would take the lock (against the source) to signal again before
     * the woken put has even run.
     */
    private final AtomicBoolean wakeSignalled = new AtomicBoolean();
    private long blockedPuts;
    /** Whether the output waits in {@link #take}, and how many queued records wake it (under the lock). */
    private boolean taking;
    private int wakeAt;

    public Pipeline(int maxEvents, long maxBytes) {
        maxEvents = Math.min(maxEvents, MAX_EVENTS);
        maxBytes = Math.min(maxBytes, MAX_BYTES);
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.reserveEvents = maxEvents >= 10 ? maxEvents / 10 : 0;
        this.reserveBytes = maxBytes / 10;
        int events = maxEvents - reserveEvents;
        long bytes = maxBytes - reserveBytes;
        this.wakeEvents = events - Math.max(1, events / 8);
        this.wakeBytes = bytes - bytes / 8;
    }

    /**
     * Queues a record, waiting while the pipeline is full (backpressure).
     *
     * @param cancelled checked on every wake-up; when true the put gives up with
     *                  {@link IllegalStateException} (the source was stopped)
     */
    public void put(OutboundRecord r, BooleanSupplier cancelled) throws InterruptedException {
        put(r, cancelled, false);
    }

    /** @param useReserve true for the spool drainer, which may use the capacity kept back from replayable sources */
    public void put(OutboundRecord r, BooleanSupplier cancelled, boolean useReserve) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            boolean counted = false;
            while (true) {
                boolean capacity = fits(r, useReserve);
                if (capacity && queueRoom(useReserve)) {
                    break;
                }
                if (cancelled.getAsBoolean()) {
                    throw new IllegalStateException("emit after the source was stopped");
                }
                if (!counted) {
                    blockedPuts++;
                    counted = true;
                }
                // Counted before fits() is checked again, so a release that frees room either is
                // seen by that check or sees this count (and, once below the wake mark, signals).
                // The queue changes only under the lock: take() signals when it makes room there.
                waitingPuts++;
                if (!capacity) {
                    capacityWaiters++;
                    wakeSignalled.set(false);
                }
                try {
                    if (fits(r, useReserve) && queueRoom(useReserve)) {
                        break;
                    }
                    notFull.await();
                } finally {
                    waitingPuts--;
                    if (!capacity) {
                        capacityWaiters--;
                    }
                }
            }
            if (cancelled.getAsBoolean()) {
                throw new IllegalStateException("emit after the source was stopped");
            }
            admit(r);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a record only if it fits now. */
    public boolean tryPut(OutboundRecord r) {
        lock.lock();
        try {
            if (!fits(r, true)) {
                return false;
            }
            admit(r);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(OutboundRecord r, boolean useReserve) {
        int events = useReserve ? maxEvents : maxEvents - reserveEvents;
        long bytes = useReserve ? maxBytes : maxBytes - reserveBytes;
        long h = held.get();
        int heldEvents = (int) (h >>> EVENT_SHIFT);
        return heldEvents == 0 || (heldEvents < events && (h & BYTES_MASK) + r.weight() <= bytes);
    }

    /** Whether a put may add to the queue now (under the lock). */
    private boolean queueRoom(boolean useReserve) {
        return useReserve || queue.size() < MAX_QUEUED;
    }

    private void admit(OutboundRecord r) {
        held.addAndGet(ONE_EVENT + r.weight());
        queue.addLast(r);
        wakeTaker();
    }

    private void wakeTaker() {
        if (taking && queue.size() >= wakeAt) {
            taking = false;
            notEmpty.signal();
        }
    }

    /** Puts a record that already holds capacity back at the head of the queue (to send again). */
    public void requeue(OutboundRecord r) {
        lock.lock();
        try {
            queue.addFirst(r);
            wakeTaker();
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code max} queued records, waiting up to {@code timeoutMs} for the first (may return none early). */
    public List<OutboundRecord> take(int max, long timeoutMs) throws InterruptedException {
        List<OutboundRecord> out = new ArrayList<>();
        take(out, max, timeoutMs);
        return out;
    }

    /** As {@link #take(int, long)}, adding to {@code out} (the output reuses one list); returns how many. */
    public int take(List<OutboundRecord> out, int max, long timeoutMs) throws InterruptedException {
        int before = out.size();
        lock.lockInterruptibly();
        try {
            if (queue.isEmpty()) {
                // One wait: a put or wakeAll() (shutdown) ends it early; the caller loops.
                await(1, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
            }
            if (!queue.isEmpty() && queue.size() < Math.min(max, WAKE_BATCH)) {
                // A trickle of records: gather a few more rather than wake up for each one.
                await(Math.min(max, WAKE_BATCH), GATHER_NANOS);
            }
            int n = Math.min(max, queue.size());
            for (int i = 0; i < n; i++) {
                out.add(queue.pollFirst());
            }
            if (waitingPuts > 0 && n > 0) {
                notFull.signalAll(); // a put may wait for queue room (MAX_QUEUED) rather than capacity
            }
            return out.size() - before;
        } finally {
            lock.unlock();
        }
    }

    private void await(int records, long nanos) throws InterruptedException {
        taking = true;
        wakeAt = records;
        try {
            notEmpty.awaitNanos(nanos);
        } finally {
            taking = false;
        }
    }

    /** Gives back the capacity of an acknowledged (or finally abandoned) record. */
    public void release(OutboundRecord r) {
        long h = held.addAndGet(-(ONE_EVENT + r.weight()));
        int events = (int) (h >>> EVENT_SHIFT);
        long bytes = h & BYTES_MASK;
        // Every release at or below the wake mark signals (unless a signal is already on its way
        // to the waiting put, which checks for room again before it waits), and held records all
        // get released in the end, so a waiting put that fits is always woken.
        if (capacityWaiters > 0 && events <= wakeEvents && bytes <= wakeBytes
                && !wakeSignalled.get() && wakeSignalled.compareAndSet(false, true)) {
            lock.lock();
            try {
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Wakes every waiting put so it re-checks its cancellation. */
    public void wakeAll() {
        lock.lock();
        try {
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns every record still queued (not handed to the producer); they keep holding capacity. */
    public List<OutboundRecord> drainQueued() {
        lock.lock();
        try {
            List<OutboundRecord> out = new ArrayList<>(queue);
            queue.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    public int heldEvents() {
        return (int) (held.get() >>> EVENT_SHIFT);
    }

    public long heldBytes() {
        return held.get() & BYTES_MASK;
    }

    /** How many puts had to wait for room so far (backpressure events). */
    public long blockedPuts() {
        lock.lock();
        try {
            return blockedPuts;
        } finally {
            lock.unlock();
        }
    }
}
