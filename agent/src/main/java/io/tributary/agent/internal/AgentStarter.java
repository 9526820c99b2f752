package io.tributary.agent.internal;

import io.tributary.agent.AgentConfigException;
import io.tributary.agent.internal.config.AgentConfig;
import io.tributary.agent.internal.config.ConfigException;
import io.tributary.agent.internal.config.ConfigLoader;
import io.tributary.agent.internal.config.ConfigMapper;
import io.tributary.agent.internal.config.EnvSubstitution;
import io.tributary.agent.internal.plugins.PluginException;
import io.tributary.agent.internal.plugins.PluginRegistry;
import io.tributary.plugin.api.ConfigError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything before the agent runs: read config, find plugins, bind each source's settings. */
public final class AgentStarter {
    /** A config ready to run. */
    public record Prepared(AgentConfig config, List<SourceBinder.BoundSource> sources, PluginRegistry plugins) {
    }

    private AgentStarter() {
    }

    public static Prepared load(Path file, Map<String, String> env) throws AgentConfigException {
        KafkaLogLevels.quiet();
        ConfigMapper mapper = new ConfigMapper();
        try {
            AgentConfig config = new ConfigLoader(mapper, EnvSubstitution.of(env)).load(file);
            return prepare(config, mapper);
        } catch (ConfigException e) {
            throw new AgentConfigException(e.errors());
        }
    }

    public static Prepared parse(String yaml, Map<String, String> env) throws AgentConfigException {
        KafkaLogLevels.quiet();
        ConfigMapper mapper = new ConfigMapper();
        try {
            AgentConfig config = new ConfigLoader(mapper, EnvSubstitution.of(env)).parse(yaml, "(config)");
            return prepare(config, mapper);
        } catch (ConfigException e) {
            throw new AgentConfigException(e.errors());
        }
    }

    private static Prepared prepare(AgentConfig config, ConfigMapper mapper) throws ConfigException, AgentConfigException {
        PluginRegistry plugins;
        try {
            plugins = PluginRegistry.discover(AgentStarter.class.getClassLoader(), config.agent().pluginDir());
        } catch (PluginException e) {
            throw new AgentConfigException(List.of(new ConfigError("agent.plugin-dir", e.getMessage())));
        }
        return new Prepared(config, new SourceBinder(mapper).bind(config, plugins), plugins);
    }
}
