package io.tributary.plugins.filetail;

import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugins.filetail.internal.NanoClock;
import io.tributary.plugins.filetail.internal.Tailer;

/**
 * A running {@code file-tail} source: one daemon thread (from the context's thread factory)
 * runs the {@link Tailer} loop. Replayable: on backpressure it simply pauses in {@code emit}.
 * {@link #start()} and {@link #stop()} follow the {@link Source} lifecycle; stop interrupts the
 * thread and waits for it, so nothing is emitted after stop returns.
 */
public final class FileTailSource implements Source {
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final Tailer tailer;
    private final SourceContext context;
    private Thread thread;

    FileTailSource(FileTailConfig config, SourceContext context, NanoClock clock) {
        this.context = context;
        this.tailer = new Tailer(config, context, clock);
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = context.threadFactory().newThread(tailer);
        thread.start();
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        tailer.requestStop();
        t.interrupt();
        try {
            t.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            context.logger().warn("file-tail thread did not stop within {} ms", STOP_WAIT_MILLIS);
        }
    }

    @Override
    public boolean replayable() {
        return true;
    }
}
