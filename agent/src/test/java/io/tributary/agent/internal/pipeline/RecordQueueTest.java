package io.tributary.agent.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordQueueTest {

    private static OutboundRecord record(int i) {
        return new OutboundRecord("t", new byte[0], Integer.toString(i).getBytes(), i, () -> { }, OutboundRecord.Origin.REPLAYABLE);
    }

    @Test
    void behavesAsADequeThroughWrapAroundsAndGrowth() {
        Random random = new Random(7);
        RecordQueue q = new RecordQueue();
        ArrayDeque<OutboundRecord> model = new ArrayDeque<>();
        OutboundRecord[] out = new OutboundRecord[300];
        int next = 0;
        for (int step = 0; step < 5_000; step++) {
            int op = random.nextInt(10);
            if (op < 6) {
                for (int i = random.nextInt(40); i > 0; i--) {
                    OutboundRecord r = record(next++);
                    q.addLast(r);
                    model.addLast(r);
                }
            } else if (op == 6) {
                OutboundRecord r = record(next++);
                q.addFirst(r);
                model.addFirst(r);
            } else {
                int max = random.nextInt(out.length + 1);
                int n = q.poll(out, max);
                assertThat(n).isEqualTo(Math.min(max, model.size()));
                for (int i = 0; i < n; i++) {
                    assertThat(out[i]).isSameAs(model.pollFirst());
                }
            }
            assertThat(q.size()).isEqualTo(model.size());
            assertThat(q.isEmpty()).isEqualTo(model.isEmpty());
        }
        List<OutboundRecord> rest = q.drain();
        assertThat(rest).containsExactlyElementsOf(new ArrayList<>(model));
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void aPolledRecordIsNoLongerReferencedByTheQueue() throws Exception {
        RecordQueue q = new RecordQueue();
        for (int i = 0; i < 100; i++) {
            q.addLast(record(i));
        }
        q.poll(new OutboundRecord[100], 100);
        var field = RecordQueue.class.getDeclaredField("ring");
        field.setAccessible(true);
        for (Object o : (Object[]) field.get(q)) {
            assertThat(o).isNull();
        }
    }
}
