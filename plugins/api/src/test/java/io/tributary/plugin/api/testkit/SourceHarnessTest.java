package io.tributary.plugin.api.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceHarnessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void findsTheRegisteredFactoryAndRecordsEvents() throws Exception {
        try (SourceHarness h = SourceHarness.forType("counting", dir)) {
            h.start(new CountingSourceFactory.Config(3));
            assertThat(h.emitter().awaitEvents(3, WAIT)).extracting(Event::body)
                    .containsExactly("line-0", "line-1", "line-2");
            assertThat(h.emitter().committedPositions()).containsEntry("counter", Position.of("counter", 3));
        }
    }

    @Test
    void reportsConfigErrorsWithKeyPaths() {
        SourceHarness h = SourceHarness.forType("counting", dir);
        assertThat(h.validate(new CountingSourceFactory.Config(-1)))
                .containsExactly(new ConfigError("lines", "must be >= 0, got -1"));
        assertThatThrownBy(() -> h.start(new CountingSourceFactory.Config(-1))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("lines: must be >= 0");
        assertThat(ConfigDocs.undocumented(CountingSourceFactory.Config.class)).isEmpty();
    }

    @Test
    void backpressureBlocksTheSourceAndRestartResumesFromCommittedPositions() throws Exception {
        try (SourceHarness h = SourceHarness.forType("counting", dir).capacity(2)) {
            h.start(new CountingSourceFactory.Config(5));
            h.emitter().awaitBlocked(1, WAIT);
            assertThat(h.emitter().events()).hasSize(2);

            h.emitter().ack(1);
            h.emitter().awaitEvents(3, WAIT);
            h.emitter().awaitBlocked(1, WAIT);
            assertThat(h.emitter().committedPositions()).containsEntry("counter", Position.of("counter", 1));

            // Crash-like restart: lines 1 and 2 were never acknowledged, so they come again.
            h.restart();
            h.emitter().ackAll();
            h.emitter().awaitBlocked(1, WAIT);
            assertThat(h.emitter().events()).extracting(Event::body).containsExactly("line-1", "line-2");
        }
    }

    @Test
    void checkpointMarkersAndReleaseFollowAckOrder() throws Exception {
        RecordingEmitter e = RecordingEmitter.bounded(10);
        Event ev = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body("x").build();
        e.emit(ev, Position.of("a", 1));
        e.checkpoint(Position.of("a", 100));
        e.release("a");
        assertThat(e.committedPositions()).isEmpty();
        e.ack(1);
        // The released key still has an unacknowledged marker: it moves on, and is dropped once that is acked.
        assertThat(e.committedPositions()).containsEntry("a", Position.of("a", 1));
        e.ack(1);
        assertThat(e.committedPositions()).isEmpty();

        e.emit(ev, Position.of("b", 1));
        e.checkpoint(Position.of("b", 7));
        e.ackAll();
        assertThat(e.committedPositions()).isEqualTo(Map.of("b", Position.of("b", 7)));

        e.close();
        assertThatThrownBy(() -> e.emit(ev, null)).isInstanceOf(IllegalStateException.class);
    }
}
