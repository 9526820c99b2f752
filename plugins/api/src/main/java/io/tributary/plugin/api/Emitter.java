package io.tributary.plugin.api;

/**
 * Where a source hands its events. Thread-safe: a source may emit from several threads, but
 * the order of positions matters only within one position key, so emit a key's events from
 * one thread.
 *
 * <p>Backpressure: the agent's pipeline is bounded (events and bytes). For a
 * {@linkplain Source#replayable() replayable} source {@link #emit} blocks while it is full,
 * which simply pauses the source. For a non-replayable source the agent writes to its bounded
 * disk spool instead, so {@code emit} returns promptly; what overflows the spool is counted
 * and logged by the agent.
 */
public interface Emitter {
    /**
     * Hands over one event.
     *
     * @param event    the event
     * @param position where the event ends in its stream, or {@code null} for a source that has
     *                 no positions (metrics). Checkpointed once this and every earlier event
     *                 of {@code position.key()} were acknowledged by the broker.
     * @throws InterruptedException when the source thread is interrupted while blocked
     *                              (the agent interrupts sources on shutdown)
     * @throws IllegalStateException when called after the source was stopped
     */
    void emit(Event event, Position position) throws InterruptedException;

    /**
     * Moves a position without an event, e.g. past bytes the source skipped (an oversized
     * line's dropped rest, a truncated file) or to the end of a file read up to its end. It is
     * ordered after every event already emitted for the same key and checkpointed once they
     * are all acknowledged.
     *
     * @throws InterruptedException when interrupted while blocked on backpressure
     */
    void checkpoint(Position position) throws InterruptedException;

    /**
     * Says a position key is finished for good (e.g. its file was deleted): once every event
     * already emitted for it is acknowledged, the agent drops the key from its checkpoint so
     * the checkpoint does not grow forever. Emitting for the key again later starts it anew.
     */
    void release(String positionKey);
}
