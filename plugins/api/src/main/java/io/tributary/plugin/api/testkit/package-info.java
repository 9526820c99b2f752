/**
 * Test kit for plugin authors: run a source in memory, record its events and positions,
 * acknowledge them like the broker would, simulate backpressure, restart from committed
 * positions. See {@link io.tributary.plugin.api.testkit.SourceHarness}.
 */
package io.tributary.plugin.api.testkit;
