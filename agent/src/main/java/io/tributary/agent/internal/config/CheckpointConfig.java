package io.tributary.agent.internal.config;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import java.time.Duration;
import java.util.List;

/** The {@code checkpoint:} section. */
public record CheckpointConfig(
        @ConfigDoc(value = "how often acknowledged positions are written to disk (and always at shutdown)", defaultValue = "1s")
        Duration interval) {

    public CheckpointConfig {
        interval = interval == null ? Duration.ofSeconds(1) : interval;
    }

    public List<ConfigError> validate() {
        return interval.toMillis() < 10
                ? List.of(new ConfigError("checkpoint.interval", "must be >= 10ms, got " + interval)) : List.of();
    }
}
