package io.tributary.cli.quickstart;

import java.time.Duration;

/**
 * A moment of a running quickstart, for the progress line.
 *
 * @param elapsed         since every role is running
 * @param linesWritten    demo access log lines written
 * @param eventsTailed    log events the agent's file-tail source read
 * @param eventsShipped   events the broker acknowledged to the agent (log lines and metric samples)
 * @param brokerLag       records in the broker not yet loaded (-1: the broker did not answer)
 * @param rowsLoaded      rows the sinks stored in the warehouse
 * @param loadRuns        load runs finished
 * @param brokerReachable the agent's view of the broker
 */
public record Progress(Duration elapsed, long linesWritten, long eventsTailed, long eventsShipped, long brokerLag, long rowsLoaded,
                       int loadRuns, boolean brokerReachable) {
}
