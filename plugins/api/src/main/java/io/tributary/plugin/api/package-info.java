/**
 * The Tributary source plugin API: what a plugin author depends on, and nothing more.
 *
 * <p>A plugin implements {@link io.tributary.plugin.api.SourceFactory} (registered through
 * {@code META-INF/services}), which binds a typed configuration and creates
 * {@link io.tributary.plugin.api.Source}s. A source emits {@link io.tributary.plugin.api.Event}s
 * with opaque {@link io.tributary.plugin.api.Position}s through an
 * {@link io.tributary.plugin.api.Emitter}; the agent ships events to the broker and checkpoints
 * positions only after the broker acknowledged them. {@code io.tributary.plugin.api.testkit}
 * runs a source in memory for unit tests.
 */
package io.tributary.plugin.api;
