package io.tributary.agent.internal.checkpoint;

import io.tributary.plugin.api.Position;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for one source, which position may be checkpointed: per position key, the position of
 * the last entry for which it and every earlier entry of that key were acknowledged.
 *
 * <p>{@link #register} appends an entry (in emit order) to its key's queue and returns a
 * {@link Ticket}; the output calls {@link Ticket#ack()} when the broker acknowledged the event,
 * in any order. Acknowledged entries at the head of a queue move the committed position.
 * Position-only markers are registered already acknowledged. Thread-safe (one monitor per
 * source; acks come from the producer's I/O thread).
 */
public final class PositionTracker {
    /** One in-flight entry; {@link #ack()} is idempotent. As a {@link Runnable} it acknowledges (no lambda per event). */
    public final class Ticket implements Runnable {
        private final String key;
        private Position position;
        private boolean acked;
        private boolean marker;

        private Ticket(String key, Position position) {
            this.key = key;
            this.position = position;
        }

        @Override
        public void run() {
            ack();
        }

        public void ack() {
            synchronized (PositionTracker.this) {
                if (!acked) {
                    acked = true;
                    advance(key);
                }
            }
        }
    }

    private final Map<String, ArrayDeque<Ticket>> inFlight = new HashMap<>();
    private final Map<String, Position> committed = new LinkedHashMap<>();
    private final Set<String> released = new HashSet<>();
    private long version;
    private long writtenVersion = -1;

    public PositionTracker(Map<String, Position> restored) {
        committed.putAll(restored);
    }

    /** Registers an event's position; returns the ticket to acknowledge. */
    public synchronized Ticket register(Position position) {
        released.remove(position.key());
        Ticket t = new Ticket(position.key(), position);
        inFlight.computeIfAbsent(position.key(), k -> new ArrayDeque<>()).addLast(t);
        return t;
    }

    /**
     * A position-only marker, committed once every earlier entry of its key is. Consecutive
     * markers behind an unacknowledged event collapse into one, so a source that moves its
     * position often while the broker is away cannot grow this queue.
     */
    public synchronized void marker(Position position) {
        ArrayDeque<Ticket> q = inFlight.get(position.key());
        if (q != null && !q.isEmpty() && q.peekLast().marker) {
            released.remove(position.key());
            q.peekLast().position = position;
            return;
        }
        Ticket t = register(position);
        t.marker = true;
        t.ack();
    }

    /** Drops the key from the checkpoint once its in-flight entries are acknowledged. */
    public synchronized void release(String key) {
        released.add(key);
        advance(key);
    }

    private void advance(String key) {
        ArrayDeque<Ticket> q = inFlight.get(key);
        boolean moved = false;
        while (q != null && !q.isEmpty() && q.peekFirst().acked) {
            committed.put(key, q.removeFirst().position);
            moved = true;
        }
        if (q != null && q.isEmpty()) {
            inFlight.remove(key);
        }
        if (released.contains(key) && !inFlight.containsKey(key)) {
            released.remove(key);
            moved |= committed.remove(key) != null;
        }
        if (moved) {
            version++;
        }
    }

    /** The committed positions now. */
    public synchronized Map<String, Position> committed() {
        return Map.copyOf(committed);
    }

    /** The committed positions if they changed since the last call that returned them, else null. */
    public synchronized Map<String, Position> committedIfChanged() {
        if (version == writtenVersion) {
            return null;
        }
        writtenVersion = version;
        return Map.copyOf(committed);
    }

    /** Entries registered but not yet acknowledged. */
    public synchronized int inFlight() {
        return inFlight.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
