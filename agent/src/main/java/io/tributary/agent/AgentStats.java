package io.tributary.agent;

/**
 * Counters of a running agent, since it started.
 *
 * @param sent            events acknowledged by the broker
 * @param spooled         events of non-replayable sources written to the disk spool
 * @param spoolOverflow   events dropped because the spool was full (also logged)
 * @param drainedFromSpool events read back from the spool into the pipeline
 * @param rejected        events the broker refused for good (too large, invalid topic), logged
 * @param heldEvents      events in memory now (queued or awaiting acknowledgement)
 * @param heldBytes       bytes of those events
 * @param backpressureWaits how many times a source had to wait for room
 * @param spoolBytes      bytes in the disk spool now
 * @param brokerReachable whether the broker is currently considered reachable
 */
public record AgentStats(long sent, long spooled, long spoolOverflow, long drainedFromSpool, long rejected,
                         int heldEvents, long heldBytes, long backpressureWaits, long spoolBytes, boolean brokerReachable) {
}
