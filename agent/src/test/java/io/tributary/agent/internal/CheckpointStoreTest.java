package io.tributary.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.agent.internal.checkpoint.CheckpointStore;
import io.tributary.agent.internal.checkpoint.PositionTracker;
import io.tributary.plugin.api.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private CheckpointStore store() {
        return new CheckpointStore(dir, Clock.systemUTC());
    }

    @Test
    void positionsSurviveARestart() throws Exception {
        CheckpointStore s = store();
        s.load();
        s.update("logs", Map.of("inode:1", new Position("inode:1", "4096"), "inode:2", Position.of("inode:2", 7)));
        s.update("metrics", Map.of());
        s.write();

        CheckpointStore again = store();
        again.load();
        assertThat(again.positions("logs")).containsEntry("inode:1", new Position("inode:1", "4096")).hasSize(2);
        assertThat(again.positions("never-seen")).isEmpty();
    }

    @Test
    void aCrashDuringAWriteLeavesThePreviousCheckpoint() throws Exception {
        CheckpointStore s = store();
        s.update("logs", Map.of("k", Position.of("k", 10)));
        s.write();
        // What a crash between "write temp file" and "rename" leaves behind: a torn temp file.
        Files.writeString(dir.resolve(CheckpointStore.FILE_NAME + ".tmp"), "{\"version\":1,\"sources\":{\"logs\":{\"k\":\"99");

        CheckpointStore after = store();
        after.load();
        assertThat(after.positions("logs")).containsEntry("k", Position.of("k", 10));
        after.update("logs", Map.of("k", Position.of("k", 11)));
        after.write();
        assertThat(Files.exists(dir.resolve(CheckpointStore.FILE_NAME + ".tmp"))).isFalse();
        CheckpointStore third = store();
        third.load();
        assertThat(third.positions("logs")).containsEntry("k", Position.of("k", 11));
    }

    @Test
    void aCorruptCheckpointIsAnErrorNotASilentRestartFromScratch() throws Exception {
        Files.writeString(dir.resolve(CheckpointStore.FILE_NAME), "{not json");
        assertThatThrownBy(() -> store().load()).hasMessageContaining("is unreadable").hasMessageContaining("move it away");
    }

    @Test
    void onlyAContiguousAcknowledgedPrefixIsCommitted() {
        PositionTracker t = new PositionTracker(Map.of("a", Position.of("a", 0)));
        PositionTracker.Ticket a1 = t.register(Position.of("a", 1));
        PositionTracker.Ticket a2 = t.register(Position.of("a", 2));
        PositionTracker.Ticket b1 = t.register(Position.of("b", 1));
        PositionTracker.Ticket a3 = t.register(Position.of("a", 3));

        a2.ack();
        a3.ack();
        assertThat(t.committed()).containsEntry("a", Position.of("a", 0)).doesNotContainKey("b");
        b1.ack();
        assertThat(t.committed()).containsEntry("b", Position.of("b", 1));
        a1.ack();
        assertThat(t.committed()).containsEntry("a", Position.of("a", 3));
        assertThat(t.inFlight()).isZero();
    }

    @Test
    void markersWaitForEarlierEventsAndReleasedKeysLeaveTheCheckpoint() {
        PositionTracker t = new PositionTracker(Map.of());
        PositionTracker.Ticket e = t.register(Position.of("f", 100));
        t.marker(Position.of("f", 5000));
        assertThat(t.committed()).isEmpty();
        e.ack();
        assertThat(t.committed()).containsEntry("f", Position.of("f", 5000));
        assertThat(t.committedIfChanged()).isNotNull();
        assertThat(t.committedIfChanged()).isNull();

        PositionTracker.Ticket last = t.register(Position.of("f", 5100));
        t.release("f");
        assertThat(t.committed()).containsKey("f");
        last.ack();
        assertThat(t.committed()).doesNotContainKey("f");
    }

    @Test
    void markersBehindAnUnacknowledgedEventCollapse() {
        PositionTracker t = new PositionTracker(Map.of());
        PositionTracker.Ticket e = t.register(Position.of("f", 1));
        for (int i = 2; i < 10_000; i++) {
            t.marker(Position.of("f", i));
        }
        assertThat(t.inFlight()).isEqualTo(2);
        e.ack();
        assertThat(t.committed()).containsEntry("f", Position.of("f", 9_999));
        assertThat(t.inFlight()).isZero();
    }
}
