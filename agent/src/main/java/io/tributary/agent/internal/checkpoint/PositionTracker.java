package io.tributary.agent.internal.checkpoint;

import io.tributary.plugin.api.Position;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * Position-only markers are registered already acknowledged.
 *
 * <p>Thread-safe. An acknowledgement (the producer's I/O thread, once per event) only marks its
 * ticket, without the tracker's lock: acknowledged entries are taken off the head of their queue
 * by whoever holds the lock next, i.e. the source's next {@link #register} of that key (so a
 * queue stays as long as what is in flight) or a read of the committed positions. Before, every
 * acknowledgement took the lock the source takes for every event, on two busy cores.
 */
public final class PositionTracker {
    /** One in-flight entry; {@link #ack()} is idempotent. As a {@link Runnable} it acknowledges (no lambda per event). */
    public static final class Ticket implements Runnable {
        private Position position;
        /** Written by {@link #ack()} on any thread, read under the tracker's lock. */
        private volatile boolean acked;
        private boolean marker;

        private Ticket(Position position) {
            this.position = position;
        }

        @Override
        public void run() {
            ack();
        }

        public void ack() {
            if (!acked) {
                acked = true;
            }
        }
    }

    private final Map<String, ArrayDeque<Ticket>> inFlight = new HashMap<>();
    private final Map<String, Position> committed = new LinkedHashMap<>();
    private final Set<String> released = new HashSet<>();
    /** The queue of the key registered last (a source mostly emits runs of one key): no map lookup per event. */
    private String lastKey;
    private ArrayDeque<Ticket> lastQueue;
    private long version;
    private long writtenVersion = -1;

    public PositionTracker(Map<String, Position> restored) {
        committed.putAll(restored);
    }

    /** Registers an event's position; returns the ticket to acknowledge. */
    public synchronized Ticket register(Position position) {
        String key = position.key();
        if (!released.isEmpty()) {
            released.remove(key);
        }
        ArrayDeque<Ticket> q;
        if (key == lastKey) {
            q = lastQueue;
            if (takeAcknowledged(key, q)) {
                version++;
            }
        } else {
            q = inFlight.get(key);
            if (q == null) {
                q = new ArrayDeque<>();
                inFlight.put(key, q);
            } else if (takeAcknowledged(key, q)) {
                version++;
            }
            lastKey = key;
            lastQueue = q;
        }
        Ticket t = new Ticket(position);
        q.addLast(t);
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
            advance(position.key());
            return;
        }
        Ticket t = register(position);
        t.marker = true;
        t.acked = true;
        advance(position.key());
    }

    /** Drops the key from the checkpoint once its in-flight entries are acknowledged. */
    public synchronized void release(String key) {
        released.add(key);
        advance(key);
    }

    /** Moves the key's committed position over the acknowledged head of its queue; true if it moved. */
    private boolean takeAcknowledged(String key, ArrayDeque<Ticket> q) {
        Ticket last = null;
        Ticket head;
        while ((head = q.peekFirst()) != null && head.acked) {
            last = q.removeFirst();
        }
        if (last == null) {
            return false;
        }
        committed.put(key, last.position);
        return true;
    }

    private void advance(String key) {
        ArrayDeque<Ticket> q = inFlight.get(key);
        boolean moved = q != null && takeAcknowledged(key, q);
        if (q != null && q.isEmpty()) {
            forget(key);
        }
        if (released.contains(key) && !inFlight.containsKey(key)) {
            released.remove(key);
            moved |= committed.remove(key) != null;
        }
        if (moved) {
            version++;
        }
    }

    /** Takes what was acknowledged since the lock was last held off every queue. */
    private void advanceAll() {
        boolean moved = false;
        for (Iterator<Map.Entry<String, ArrayDeque<Ticket>>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ArrayDeque<Ticket>> e = it.next();
            moved |= takeAcknowledged(e.getKey(), e.getValue());
            if (e.getValue().isEmpty()) {
                if (e.getValue() == lastQueue) {
                    lastKey = null;
                    lastQueue = null;
                }
                it.remove();
            }
        }
        if (!released.isEmpty()) {
            for (Iterator<String> it = released.iterator(); it.hasNext(); ) {
                String key = it.next();
                if (!inFlight.containsKey(key)) {
                    it.remove();
                    moved |= committed.remove(key) != null;
                }
            }
        }
        if (moved) {
            version++;
        }
    }

    private void forget(String key) {
        ArrayDeque<Ticket> q = inFlight.remove(key);
        if (q == lastQueue) {
            lastKey = null;
            lastQueue = null;
        }
    }

    /** The committed positions now. */
    public synchronized Map<String, Position> committed() {
        advanceAll();
        return Map.copyOf(committed);
    }

    /** The committed positions if they changed since the last call that returned them, else null. */
    public synchronized Map<String, Position> committedIfChanged() {
        advanceAll();
        if (version == writtenVersion) {
            return null;
        }
        writtenVersion = version;
        return Map.copyOf(committed);
    }

    /** Entries registered but not yet acknowledged. */
    public synchronized int inFlight() {
        advanceAll();
        return inFlight.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
