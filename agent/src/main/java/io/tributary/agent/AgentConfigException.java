package io.tributary.agent;

import io.tributary.plugin.api.ConfigError;
import java.util.List;

/** The agent's configuration (or a plugin's part of it) is unusable; every problem has a key path. */
public final class AgentConfigException extends Exception {
    private final List<ConfigError> errors;

    public AgentConfigException(List<ConfigError> errors) {
        super(String.join("\n", errors.stream().map(ConfigError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
