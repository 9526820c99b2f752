package io.tributary.agent.internal.config;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import java.util.List;

/** The {@code metrics:} section. */
public record MetricsConfig(
        @ConfigDoc(value = "host:port serving GET /metrics (Prometheus) and GET /health; empty = off", defaultValue = "")
        String listen) {

    public MetricsConfig {
        listen = listen == null || listen.isBlank() ? null : listen.trim();
    }

    public boolean enabled() {
        return listen != null;
    }

    public List<ConfigError> validate() {
        if (listen == null) {
            return List.of();
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 0 || !listen.substring(colon + 1).matches("\\d{1,5}") || Integer.parseInt(listen.substring(colon + 1)) > 65535) {
            return List.of(new ConfigError("metrics.listen", "expected host:port (port 0-65535), got '" + listen + "'"));
        }
        return List.of();
    }
}
