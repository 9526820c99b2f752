package io.tributary.plugin.api;

import java.util.Objects;

/**
 * One problem found in a configuration.
 *
 * @param key    the key path relative to the source's entry, kebab-case, dotted and indexed
 *               (e.g. {@code multiline.start-pattern}, {@code paths[2]}); the agent prefixes
 *               it with {@code sources[<index>].}
 * @param reason what is wrong and what is accepted, e.g. {@code "must be > 0, got -3"}
 */
public record ConfigError(String key, String reason) {
    public ConfigError {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return key + ": " + reason;
    }
}
