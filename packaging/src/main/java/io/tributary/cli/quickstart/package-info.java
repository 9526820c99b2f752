/**
 * {@code tributary quickstart}: every role in one process on demo data. {@link
 * io.tributary.cli.quickstart.Quickstart} wires an embedded broker-lite, the demo {@link
 * io.tributary.cli.quickstart.AccessLogWriter}, an agent (file-tail + host-metrics) and the DuckDB
 * sinks, started from the YAML files {@link io.tributary.cli.quickstart.QuickstartConfigs} writes
 * into the data directory:
 *
 * <pre>
 * &lt;data-dir&gt;/
 *   broker/              broker-lite's topics logs and metrics, consumer group offsets
 *   logs/access.log      the demo nginx access log (appended to on every run)
 *   agent.yaml, agent/   the agent's config, checkpoints and spool
 *   sink.yaml, sink/     the sinks' config and last-run state
 *   warehouse.duckdb     tables logs, metrics (+ tributary_offsets, *_rejects)
 *   quickstart.log       every role's log lines
 * </pre>
 */
package io.tributary.cli.quickstart;
