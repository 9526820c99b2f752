package io.tributary.agent.internal.config;

import io.tributary.plugin.api.ConfigError;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used; carries every problem found, each with its key path. */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(String key, String reason) {
        this(List.of(new ConfigError(key, reason)));
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
