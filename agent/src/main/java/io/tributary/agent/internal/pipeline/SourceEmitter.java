package io.tributary.agent.internal.pipeline;

import io.tributary.agent.internal.checkpoint.PositionTracker;
import io.tributary.plugin.api.Emitter;
import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Position;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The {@link Emitter} one source gets: serializes each event to JSON (on the source's thread),
 * registers its position with the source's {@link PositionTracker}, and hands it on: a
 * replayable source waits in the {@link Pipeline} (backpressure), a non-replayable one goes
 * through the {@link SpoolRouter}. Thread-safe.
 */
public final class SourceEmitter implements Emitter {
    private static final Runnable NOTHING = () -> { };

    private final String sourceId;
    private final String topic;
    private final byte[] key;
    private final boolean replayable;
    private final Pipeline pipeline;
    private final SpoolRouter router;
    private final PositionTracker tracker;
    private final EventJson json;
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Runnable countSent = sent::incrementAndGet;
    private volatile boolean closed;
    private final BooleanSupplier isClosed = () -> closed;

    public SourceEmitter(String sourceId, String topic, String host, boolean replayable, Pipeline pipeline,
                         SpoolRouter router, PositionTracker tracker, EventJson json) {
        this.sourceId = sourceId;
        this.topic = topic;
        this.key = host.getBytes(StandardCharsets.UTF_8);
        this.replayable = replayable;
        this.pipeline = pipeline;
        this.router = router;
        this.tracker = tracker;
        this.json = json;
    }

    @Override
    public void emit(Event event, Position position) throws InterruptedException {
        checkOpen();
        byte[] value = json.write(event);
        Runnable onAck = position == null ? NOTHING : tracker.register(position);
        OutboundRecord r = new OutboundRecord(topic, key, value, event.timestamp().toEpochMilli(), onAck,
                replayable ? OutboundRecord.Origin.REPLAYABLE : OutboundRecord.Origin.LIVE, countSent);
        if (replayable) {
            pipeline.put(r, isClosed);
        } else {
            // Never blocks and never throws: a full or failing spool is counted and logged by the router.
            router.route(r, sourceId);
        }
        emitted.incrementAndGet();
    }

    @Override
    public void checkpoint(Position position) {
        checkOpen();
        tracker.marker(position);
    }

    @Override
    public void release(String positionKey) {
        tracker.release(positionKey);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("source " + sourceId + " was stopped; emit refused");
        }
    }

    /** Refuses further emits and releases emits blocked on backpressure. */
    public void close() {
        closed = true;
        pipeline.wakeAll();
    }

    public boolean replayable() {
        return replayable;
    }

    public long emittedCount() {
        return emitted.get();
    }

    /** Events of this source the broker acknowledged straight from the pipeline (spooled ones count as drained). */
    public long sentCount() {
        return sent.get();
    }
}
