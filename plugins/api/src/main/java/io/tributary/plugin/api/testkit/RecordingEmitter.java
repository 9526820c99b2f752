package io.tributary.plugin.api.testkit;

import io.tributary.plugin.api.Emitter;
import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Position;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory {@link Emitter} that records what a source emits and plays the agent's part in
 * the checkpoint contract, for plugin unit tests without a broker.
 *
 * <p>Every emitted event and every {@link #checkpoint} marker enters a FIFO of unacknowledged
 * entries. {@link #ack(int)} acknowledges the oldest entries, as the broker would, and moves
 * {@link #committedPositions()} exactly as the agent moves its checkpoint. With a
 * {@linkplain #bounded(int) capacity}, {@code emit} blocks while that many entries are
 * unacknowledged: that is backpressure, and {@link #blockedEmitters()} shows a source waiting
 * on it. {@link #autoAck()} acknowledges everything at once (no backpressure).
 *
 * <p>Thread-safe; waits use the monitor with a deadline, never sleeps.
 */
public final class RecordingEmitter implements Emitter {
    /** One recorded call: an event with its position, or a position-only marker ({@code event == null}). */
    public record Emitted(Event event, Position position) {
    }

    private final int capacity;
    private final boolean autoAck;
    private final List<Emitted> all = new ArrayList<>();
    private final Deque<Emitted> unacked = new ArrayDeque<>();
    private final Map<String, Position> committed = new LinkedHashMap<>();
    private final Set<String> releasedPending = new LinkedHashSet<>();
    private int blocked;
    private boolean closed;

    private RecordingEmitter(int capacity, boolean autoAck) {
        this.capacity = capacity;
        this.autoAck = autoAck;
    }

    /** Acknowledges every entry immediately; emit never blocks. */
    public static RecordingEmitter autoAck() {
        return new RecordingEmitter(Integer.MAX_VALUE, true);
    }

    /** Blocks emitters while {@code capacity} entries are unacknowledged; acknowledge with {@link #ack}. */
    public static RecordingEmitter bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        return new RecordingEmitter(capacity, false);
    }

    @Override
    public void emit(Event event, Position position) throws InterruptedException {
        if (event == null) {
            throw new NullPointerException("event");
        }
        enqueue(new Emitted(event, position));
    }

    @Override
    public void checkpoint(Position position) throws InterruptedException {
        if (position == null) {
            throw new NullPointerException("position");
        }
        enqueue(new Emitted(null, position));
    }

    @Override
    public synchronized void release(String positionKey) {
        releasedPending.add(positionKey);
        applyReleases();
    }

    private synchronized void enqueue(Emitted e) throws InterruptedException {
        while (!closed && unacked.size() >= capacity) {
            blocked++;
            try {
                wait();
            } finally {
                blocked--;
            }
        }
        if (closed) {
            throw new IllegalStateException("emit after the source was stopped");
        }
        all.add(e);
        unacked.addLast(e);
        if (e.position() != null) {
            releasedPending.remove(e.position().key());
        }
        if (autoAck) {
            ackLocked(unacked.size());
        }
        notifyAll();
    }

    /** Acknowledges the oldest {@code n} entries (or all there are); returns how many were acknowledged. */
    public synchronized int ack(int n) {
        int done = ackLocked(n);
        notifyAll();
        return done;
    }

    /** Acknowledges every entry emitted so far. */
    public synchronized int ackAll() {
        return ack(Integer.MAX_VALUE);
    }

    private int ackLocked(int n) {
        int done = 0;
        while (done < n && !unacked.isEmpty()) {
            Emitted e = unacked.removeFirst();
            if (e.position() != null) {
                committed.put(e.position().key(), e.position());
            }
            done++;
        }
        applyReleases();
        return done;
    }

    private void applyReleases() {
        releasedPending.removeIf(key -> {
            boolean stillPending = unacked.stream().anyMatch(e -> e.position() != null && e.position().key().equals(key));
            if (!stillPending) {
                committed.remove(key);
            }
            return !stillPending;
        });
    }

    /** From now on every emit throws {@link IllegalStateException}, and blocked emitters are released with it. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Every event emitted so far, in order. */
    public synchronized List<Event> events() {
        return all.stream().filter(e -> e.event() != null).map(Emitted::event).toList();
    }

    /** The bodies of {@link #events()}. */
    public synchronized List<String> bodies() {
        return all.stream().filter(e -> e.event() != null).map(e -> e.event().body()).toList();
    }

    /** Every call in order, including position-only markers. */
    public synchronized List<Emitted> emitted() {
        return List.copyOf(all);
    }

    /** What the agent would have checkpointed now, by position key. */
    public synchronized Map<String, Position> committedPositions() {
        return Map.copyOf(committed);
    }

    /** How many entries are not yet acknowledged. */
    public synchronized int unacknowledged() {
        return unacked.size();
    }

    /** How many threads are blocked in emit/checkpoint on backpressure right now. */
    public synchronized int blockedEmitters() {
        return blocked;
    }

    /**
     * Waits until at least {@code count} events were emitted and returns them all.
     *
     * @throws AssertionError when the deadline passes first, saying how many arrived
     */
    public List<Event> awaitEvents(int count, Duration timeout) throws InterruptedException {
        awaitCondition(() -> countEvents() >= count, timeout,
                () -> "expected " + count + " events, got " + countEvents());
        return events();
    }

    /** Waits until {@code n} threads are blocked on backpressure. */
    public void awaitBlocked(int n, Duration timeout) throws InterruptedException {
        awaitCondition(() -> blocked >= n, timeout, () -> "expected " + n + " blocked emitters, got " + blocked);
    }

    private int countEvents() {
        int n = 0;
        for (Emitted e : all) {
            if (e.event() != null) {
                n++;
            }
        }
        return n;
    }

    private synchronized void awaitCondition(java.util.function.BooleanSupplier ok, Duration timeout,
                                             java.util.function.Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ok.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(failure.get() + " within " + timeout);
            }
            // Woken by every emit and ack; the bounded wait also covers state read without notify.
            wait(Math.max(1, Math.min(left / 1_000_000, 50)));
        }
    }
}
