package io.tributary.agent.internal.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Pipeline}'s FIFO of records not yet taken by the output: a ring of references whose
 * {@link #poll} hands many out with one or two array copies. Under C1 (the agent's compiler) a
 * take of one {@code ArrayDeque.pollFirst()} plus one {@code List.add} per record cost the output
 * thread ~8 % of the agent's samples. Not thread-safe (the pipeline's lock guards it).
 */
final class RecordQueue {
    private OutboundRecord[] ring = new OutboundRecord[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(OutboundRecord r) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = r;
        size++;
    }

    void addFirst(OutboundRecord r) {
        if (size == ring.length) {
            grow();
        }
        head = (head - 1) & (ring.length - 1);
        ring[head] = r;
        size++;
    }

    /** Moves up to {@code max} records from the head into {@code out[0..]}, in order; returns how many. */
    int poll(OutboundRecord[] out, int max) {
        int n = Math.min(max, size);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, 0, first);
        Arrays.fill(ring, head, head + first, null);
        if (n > first) {
            System.arraycopy(ring, 0, out, first, n - first);
            Arrays.fill(ring, 0, n - first, null);
        }
        head = (head + n) & (ring.length - 1);
        size -= n;
        return n;
    }

    /** Removes every record, in order. */
    List<OutboundRecord> drain() {
        OutboundRecord[] out = new OutboundRecord[size];
        poll(out, size);
        return new ArrayList<>(Arrays.asList(out));
    }

    private void grow() {
        OutboundRecord[] bigger = new OutboundRecord[ring.length * 2];
        int n = size;
        poll(bigger, n);
        ring = bigger;
        head = 0;
        size = n;
    }
}
