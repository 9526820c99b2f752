package io.tributary.plugin.api;

/**
 * A running source of events, made by its {@link SourceFactory}.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>The agent binds and validates the configuration, restores the source's checkpointed
 *       positions, and calls {@link SourceFactory#create} with a {@link SourceContext}. Creating
 *       does no I/O-heavy work and starts no thread.</li>
 *   <li>The agent calls {@link #start()} once, on an agent thread. The source starts and owns
 *       its own threads (name them after {@link SourceContext#sourceId()} and make them daemon
 *       threads, or use {@link SourceContext#threadFactory()}) and returns promptly. A replayable
 *       source resumes after {@link SourceContext#restoredPositions()}.</li>
 *   <li>While running, the source calls {@link Emitter#emit} for each event with the event's
 *       {@link Position}. {@code emit} may block (backpressure); the source just waits. An
 *       expected problem (a file vanished, permission denied) is logged once through
 *       {@link SourceContext#logger()} and the source carries on; it never crashes the agent.</li>
 *   <li>The agent checkpoints, per position key, the last position whose event and every earlier
 *       event of that key were acknowledged by the broker. The source never writes state files
 *       of its own ({@link SourceContext#dataDir()} is scratch space only).</li>
 *   <li>On shutdown the agent calls {@link #stop()} once, from another thread. The source makes
 *       its threads finish (interrupting them releases a blocked {@code emit} with an
 *       {@link InterruptedException}), releases files and sockets, and returns within a few
 *       seconds. It emits nothing after {@code stop()} returned; the agent rejects it if it does.
 *       Events emitted but not yet acknowledged are re-read after a restart from the last
 *       checkpoint (replayable) or are in the spool (non-replayable).</li>
 * </ol>
 *
 * <p>{@link #start()} and {@link #stop()} are called by the agent, never concurrently with each
 * other; {@code stop()} may be called even if {@code start()} threw.
 */
public interface Source {
    /** Step 2: start the source's threads and return. Throwing fails the agent's start. */
    void start() throws Exception;

    /** Step 5: stop emitting, finish the threads, release resources; idempotent. */
    void stop();

    /**
     * Whether the input can be read again from a position (files: yes; host metrics: no). A
     * replayable source is paused on backpressure; the agent spools a non-replayable source's
     * events to disk instead when the broker is unreachable or the pipeline is full.
     */
    boolean replayable();
}
