package io.tributary.sink.api;

/**
 * What the runner tells a sink when opening it.
 *
 * @param name       the sink's unique name in its config; the key of its rows in {@code tributary_offsets}
 * @param group      the consumer group the sink reads as
 * @param deadLetter where rejected records go; a sink stores them itself only for {@link DeadLetter.Table}
 *                   and {@link DeadLetter.Default}, the runner handles {@link DeadLetter.Topic}
 */
public record SinkContext(String name, String group, DeadLetter deadLetter) {
}
