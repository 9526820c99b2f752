package io.tributary.sink.api;

/**
 * Creates sinks of one {@code type:} (e.g. {@code postgres}). Registered through
 * {@code META-INF/services/io.tributary.sink.api.SinkFactory}.
 *
 * <p>The runner binds the sink's YAML keys (all but the runner's own: {@code type, name, topics,
 * group, schedule, misfire, batch, retry, dead-letter}) to {@link #configType()} with Jackson,
 * rejecting unknown keys, then calls {@link SinkConfig#validate()}. Error messages are prefixed
 * with the key path ({@code sinks[0].url: ...}).
 *
 * @param <C> the sink's typed config (a record with Jackson annotations)
 */
public interface SinkFactory<C extends SinkConfig> {

    /** The {@code type:} value, lower case. */
    String type();

    Class<C> configType();

    /** The default sink name when the config has no {@code name:} (e.g. the table). */
    String defaultName(C config);

    Sink create(C config);
}
