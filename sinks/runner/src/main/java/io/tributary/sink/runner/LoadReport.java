package io.tributary.sink.runner;

/**
 * What one scheduled load run did: rows stored, records rejected to dead letters, value bytes read,
 * wall seconds, and the lag left behind (records in the assigned partitions past what this run
 * loaded: those produced after the trigger, waiting for the next run).
 */
public record LoadReport(String sink, long rows, long rejected, long bytes, double seconds, long lag) {
    @Override
    public String toString() {
        return String.format("sink %s: load run loaded %d rows (%d rejected, %d bytes) in %.1f s, lag %d",
                sink, rows, rejected, bytes, seconds, lag);
    }
}
