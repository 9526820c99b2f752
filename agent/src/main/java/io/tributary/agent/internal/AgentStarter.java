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
import java.util.ArrayList;
import java.util.Comparator;
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
            return prepare(new ConfigLoader(mapper, EnvSubstitution.of(env)).read(file), mapper);
        } catch (ConfigException e) {
            throw new AgentConfigException(e.errors());
        }
    }

    public static Prepared parse(String yaml, Map<String, String> env) throws AgentConfigException {
        KafkaLogLevels.quiet();
        ConfigMapper mapper = new ConfigMapper();
        try {
            return prepare(new ConfigLoader(mapper, EnvSubstitution.of(env)).parseLenient(yaml, "(config)"), mapper);
        } catch (ConfigException e) {
            throw new AgentConfigException(e.errors());
        }
    }

    private static Prepared prepare(ConfigLoader.Parsed parsed, ConfigMapper mapper) throws AgentConfigException {
        List<ConfigError> errors = new ArrayList<>(parsed.errors());
        AgentConfig config = parsed.config();
        PluginRegistry plugins = null;
        List<SourceBinder.BoundSource> sources = List.of();
        // Even with a broken agent section, check the sources of the built-in plugins in the same run.
        boolean agentOk = config.agent() != null;
        try {
            plugins = PluginRegistry.discover(AgentStarter.class.getClassLoader(), agentOk ? config.agent().pluginDir() : null);
            sources = new SourceBinder(mapper).bind(config, plugins, agentOk);
        } catch (PluginException e) {
            errors.add(new ConfigError("agent.plugin-dir", e.getMessage()));
        } catch (ConfigException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(AgentStarter::order));
            throw new AgentConfigException(errors);
        }
        return new Prepared(config, sources, plugins);
    }

    /** Errors in the order of the file's sections, sources by index. */
    private static String order(ConfigError e) {
        String k = e.key();
        int i = List.of("(file)", "(root)", "agent", "output", "pipeline", "spool", "checkpoint", "sources").indexOf(k.split("[.\\[]")[0]);
        if (k.startsWith("sources[")) {
            String n = k.substring(8, k.indexOf(']'));
            return i + String.format("%06d", Integer.parseInt(n));
        }
        return String.valueOf(i);
    }
}
