package io.tributary.agent.internal;

import io.tributary.agent.internal.config.AgentConfig;
import io.tributary.agent.internal.config.ConfigException;
import io.tributary.agent.internal.config.ConfigMapper;
import io.tributary.agent.internal.config.SourceEntry;
import io.tributary.agent.internal.plugins.PluginRegistry;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.SourceFactory;
import java.util.ArrayList;
import java.util.List;

/** Binds each source entry's settings to its plugin's config record and validates it; reports all problems at once. */
public final class SourceBinder {
    /** A source entry with its plugin and bound config. */
    public record BoundSource(SourceEntry entry, PluginRegistry.Plugin plugin, Object config) {
    }

    private final ConfigMapper mapper;

    public SourceBinder(ConfigMapper mapper) {
        this.mapper = mapper;
    }

    public List<BoundSource> bind(AgentConfig config, PluginRegistry plugins) throws ConfigException {
        return bind(config, plugins, true);
    }

    /**
     * @param reportUnknownTypes false when the plugin directory could not be read from the config
     *                           (then an unknown type may be a third-party plugin: not reported)
     */
    public List<BoundSource> bind(AgentConfig config, PluginRegistry plugins, boolean reportUnknownTypes) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        List<BoundSource> result = new ArrayList<>();
        for (SourceEntry e : config.sources()) {
            PluginRegistry.Plugin plugin = plugins.get(e.type());
            if (plugin == null) {
                if (!reportUnknownTypes) {
                    continue;
                }
                errors.add(new ConfigError(e.path() + ".type", "unknown source type '" + e.type() + "' (available: "
                        + (plugins.types().isEmpty() ? "none" : String.join(", ", plugins.types())) + ")"));
                continue;
            }
            try {
                Object bound = bindWithLoader(plugin, e);
                List<ConfigError> problems = validate(plugin.factory(), bound);
                for (ConfigError p : problems) {
                    errors.add(new ConfigError(e.path() + "." + p.key(), p.reason()));
                }
                result.add(new BoundSource(e, plugin, bound));
            } catch (ConfigException ex) {
                errors.addAll(ex.errors());
            } catch (RuntimeException ex) {
                errors.add(new ConfigError(e.path(), "plugin " + e.type() + " rejected its config: " + ex));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return result;
    }

    private Object bindWithLoader(PluginRegistry.Plugin plugin, SourceEntry e) throws ConfigException {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(plugin.loader());
        try {
            return mapper.bind(e.settings(), plugin.factory().configType(), e.path());
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static <C> List<ConfigError> validate(SourceFactory<C> factory, Object config) {
        return factory.validate(factory.configType().cast(config));
    }
}
