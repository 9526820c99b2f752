/**
 * The sink SPI: what a sink author implements ({@link io.tributary.sink.api.Sink},
 * {@link io.tributary.sink.api.SinkFactory}) and the records the runner hands over. Start with
 * the lifecycle and exactly-once contract in {@link io.tributary.sink.api.Sink}.
 */
package io.tributary.sink.api;
