package io.tributary.sink.runner.internal;

import io.tributary.sink.runner.LoadReport;

/**
 * What the runner tells about its sinks as they work (the metrics endpoint listens). Called from
 * the sinks' threads; implementations must be thread-safe and quick. The default does nothing.
 */
public interface SinkObserver {
    SinkObserver NONE = new SinkObserver() {
    };

    /** A batch was written and committed with its next offsets in {@code nanos}. */
    default void batchCommitted(String sink, long rows, long rejected, long nanos) {
    }

    /** A scheduled load run (or {@code --once}) finished. */
    default void loadRunFinished(LoadReport report) {
    }
}
