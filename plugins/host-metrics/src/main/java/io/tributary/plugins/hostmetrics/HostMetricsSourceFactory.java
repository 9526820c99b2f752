package io.tributary.plugins.hostmetrics;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;
import io.tributary.plugins.hostmetrics.internal.HostMetricsSource;
import io.tributary.plugins.hostmetrics.internal.OshiSystems;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code host-metrics} source type: samples CPU, load, memory, swap, disk I/O, file system
 * usage and network counters through OSHI on an interval (see README.md beside this module).
 */
public final class HostMetricsSourceFactory implements SourceFactory<HostMetricsConfig> {
    @Override
    public String type() {
        return "host-metrics";
    }

    @Override
    public Class<HostMetricsConfig> configType() {
        return HostMetricsConfig.class;
    }

    @Override
    public List<ConfigError> validate(HostMetricsConfig config) {
        List<ConfigError> errors = new ArrayList<>(config.validate());
        if (config.provider() == OshiProvider.NATIVE_FREE && !OshiSystems.nativeFreeSupported()) {
            errors.add(new ConfigError("provider", "native-free works on Linux only; use auto or jna here"));
        }
        return errors;
    }

    @Override
    public Source create(HostMetricsConfig config, SourceContext context) {
        return new HostMetricsSource(config, context);
    }

    @Override
    public String description() {
        return "CPU, load, memory, swap, disk I/O, file system and network metrics of this host (OSHI)";
    }
}
