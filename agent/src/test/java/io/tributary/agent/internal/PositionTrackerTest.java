package io.tributary.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.agent.internal.checkpoint.PositionTracker;
import io.tributary.plugin.api.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** The tracker's acknowledgements are taken lazily (without its lock): what is committed must not change. */
class PositionTrackerTest {

    @Test
    void outOfOrderAcksCommitOnlyTheAcknowledgedPrefixOfEachKey() {
        Random random = new Random(42);
        PositionTracker t = new PositionTracker(Map.of());
        List<String> keys = List.of("a", "b", "c");
        Map<String, List<PositionTracker.Ticket>> tickets = new HashMap<>();
        Map<String, List<Boolean>> acked = new HashMap<>();
        List<Object[]> pending = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            // A run of events of one key (as a file source emits them), then a random share acknowledged in any order.
            String key = keys.get(random.nextInt(keys.size()));
            for (int i = random.nextInt(20); i >= 0; i--) {
                List<PositionTracker.Ticket> list = tickets.computeIfAbsent(key, k -> new ArrayList<>());
                int index = list.size();
                list.add(t.register(Position.of(key, index + 1)));
                acked.computeIfAbsent(key, k -> new ArrayList<>()).add(false);
                pending.add(new Object[] {key, index});
            }
            Collections.shuffle(pending, random);
            for (int n = random.nextInt(pending.size() + 1); n > 0; n--) {
                Object[] p = pending.remove(pending.size() - 1);
                tickets.get((String) p[0]).get((Integer) p[1]).ack();
                acked.get((String) p[0]).set((Integer) p[1], true);
            }
            if (random.nextInt(4) == 0) {
                assertThat(t.committed()).isEqualTo(expected(acked));
            }
        }
        assertThat(t.committed()).isEqualTo(expected(acked));
        pending.forEach(p -> tickets.get((String) p[0]).get((Integer) p[1]).ack());
        assertThat(t.inFlight()).isZero();
        assertThat(t.committed()).containsOnlyKeys(tickets.keySet());
        tickets.forEach((key, list) -> assertThat(t.committed().get(key)).isEqualTo(Position.of(key, list.size())));
    }

    /** Per key: the position of the last entry before the first unacknowledged one. */
    private static Map<String, Position> expected(Map<String, List<Boolean>> acked) {
        Map<String, Position> out = new HashMap<>();
        acked.forEach((key, list) -> {
            int n = 0;
            while (n < list.size() && list.get(n)) {
                n++;
            }
            if (n > 0) {
                out.put(key, Position.of(key, n));
            }
        });
        return out;
    }

    @Test
    void acksFromAnotherThreadWhileTheSourceRegisters() throws Exception {
        PositionTracker t = new PositionTracker(Map.of());
        BlockingQueue<PositionTracker.Ticket> toAck = new ArrayBlockingQueue<>(1024);
        int events = 200_000;
        Thread acker = new Thread(() -> {
            try {
                for (int i = 0; i < events; i++) {
                    toAck.take().ack();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        acker.start();
        long lastSeen = 0;
        for (int i = 1; i <= events; i++) {
            toAck.put(t.register(Position.of("f", i)));
            if (i % 10_000 == 0) {
                // Never ahead of what was registered, never backwards.
                Position p = t.committed().get("f");
                long now = p == null ? 0 : p.valueAsLong();
                assertThat(now).isBetween(lastSeen, (long) i);
                lastSeen = now;
            }
        }
        acker.join(30_000);
        assertThat(acker.isAlive()).isFalse();
        assertThat(t.committed()).containsEntry("f", Position.of("f", events));
        assertThat(t.inFlight()).isZero();
        assertThat(t.committedIfChanged()).isNotNull();
        assertThat(t.committedIfChanged()).isNull();
    }

    @Test
    void aReleasedKeyLeavesOnceItsLastEventIsAcknowledgedAfterwards() {
        PositionTracker t = new PositionTracker(Map.of("f", Position.of("f", 0)));
        PositionTracker.Ticket a = t.register(Position.of("f", 1));
        PositionTracker.Ticket b = t.register(Position.of("f", 2));
        t.release("f");
        b.ack();
        assertThat(t.committed()).containsEntry("f", Position.of("f", 0));
        a.ack(); // acknowledged without the lock: the next read takes it and drops the released key
        assertThat(t.committed()).doesNotContainKey("f");
        // A new event of the key brings it back.
        PositionTracker.Ticket c = t.register(Position.of("f", 3));
        c.ack();
        assertThat(t.committed()).containsEntry("f", Position.of("f", 3));
    }
}
