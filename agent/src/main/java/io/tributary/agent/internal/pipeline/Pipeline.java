package io.tributary.agent.internal.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * cannot block forever). The output takes queued records in FIFO order.
 *
 * <p>A tenth of the capacity is kept for {@link #tryPut} and {@code put(.., true)} (live
 * samples of non-replayable sources and the spool drainer): a busy file source that keeps the
 * pipeline full then cannot push a host's metrics to disk for no better reason.
 *
 * <p>Thread-safe: sources put, the output thread takes, the producer's I/O thread releases.
 */
public final class Pipeline {
    private final int maxEvents;
    private final long maxBytes;
    private final int reserveEvents;
    private final long reserveBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<OutboundRecord> queue = new ArrayDeque<>();
    private int heldEvents;
    private long heldBytes;
    private long blockedPuts;

    public Pipeline(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.reserveEvents = maxEvents >= 10 ? maxEvents / 10 : 0;
        this.reserveBytes = maxBytes / 10;
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
            while (!fits(r, useReserve)) {
                if (cancelled.getAsBoolean()) {
                    throw new IllegalStateException("emit after the source was stopped");
                }
                if (!counted) {
                    blockedPuts++;
                    counted = true;
                }
                notFull.await();
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
        return heldEvents == 0 || (heldEvents < events && heldBytes + r.weight() <= bytes);
    }

    private void admit(OutboundRecord r) {
        heldEvents++;
        heldBytes += r.weight();
        queue.addLast(r);
        notEmpty.signal();
    }

    /** Puts a record that already holds capacity back at the head of the queue (to send again). */
    public void requeue(OutboundRecord r) {
        lock.lock();
        try {
            queue.addFirst(r);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code max} queued records, waiting up to {@code timeoutMs} for the first (may return none early). */
    public List<OutboundRecord> take(int max, long timeoutMs) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (queue.isEmpty()) {
                // One wait: a put or wakeAll() (shutdown) ends it early; the caller loops.
                notEmpty.awaitNanos(TimeUnit.MILLISECONDS.toNanos(timeoutMs));
            }
            List<OutboundRecord> out = new ArrayList<>(Math.min(max, queue.size()));
            while (out.size() < max && !queue.isEmpty()) {
                out.add(queue.pollFirst());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the capacity of an acknowledged (or finally abandoned) record. */
    public void release(OutboundRecord r) {
        lock.lock();
        try {
            heldEvents--;
            heldBytes -= r.weight();
            notFull.signalAll();
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            return heldEvents;
        } finally {
            lock.unlock();
        }
    }

    public long heldBytes() {
        lock.lock();
        try {
            return heldBytes;
        } finally {
            lock.unlock();
        }
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
