package io.tributary.agent;

import io.tributary.agent.internal.config.ConfigException;
import io.tributary.agent.internal.config.ConfigLoader;
import io.tributary.agent.internal.config.ConfigMapper;
import io.tributary.agent.internal.config.EnvSubstitution;
import io.tributary.agent.internal.plugins.PluginException;
import io.tributary.agent.internal.plugins.PluginRegistry;
import io.tributary.plugin.api.ConfigDoc;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary plugins [--plugin-dir DIR | --config agent.yaml] [--keys]}: lists the source plugins the agent can
 * run: type, where it comes from (built-in or its jar/folder), version, description; with
 * {@code --keys} also each plugin's config keys with default and doc line.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the source plugins the agent can run.")
public final class PluginsCommand implements Callable<Integer> {
    @Option(names = "--plugin-dir", paramLabel = "DIR", description = "third-party plugin directory (agent.plugin-dir)")
    Path pluginDir;

    @Option(names = "--keys", description = "also list each plugin's config keys")
    boolean keys;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "take agent.plugin-dir from this agent config")
    Path config;

    @Override
    public Integer call() {
        PluginRegistry registry;
        try {
            Path dir = pluginDir;
            if (dir == null && config != null) {
                dir = pluginDirOf(config);
            }
            registry = PluginRegistry.discover(PluginsCommand.class.getClassLoader(), dir);
        } catch (PluginException e) {
            System.err.println("plugins: " + e.getMessage());
            return 1;
        } catch (ConfigException e) {
            System.err.println("plugins: invalid config " + config + ":");
            e.errors().forEach(err -> System.err.println("  " + err));
            return 2;
        }
        print(registry, System.out);
        return 0;
    }

    private static Path pluginDirOf(Path file) throws ConfigException {
        var parsed = new ConfigLoader(new ConfigMapper(),
                EnvSubstitution.system()).read(file);
        if (parsed.config().agent() == null) {
            throw new ConfigException(parsed.errors());
        }
        return parsed.config().agent().pluginDir();
    }

    void print(PluginRegistry registry, PrintStream out) {
        if (registry.all().isEmpty()) {
            out.println("no source plugins found");
            return;
        }
        out.printf("%-20s %-12s %-40s %s%n", "TYPE", "VERSION", "FROM", "DESCRIPTION");
        for (PluginRegistry.Plugin p : registry.all()) {
            out.printf("%-20s %-12s %-40s %s%n", p.type(), p.factory().version(), p.origin(), p.factory().description());
            if (keys && p.factory().configType().isRecord()) {
                printKeys(p.factory().configType(), "    ", out);
            }
        }
    }

    private static void printKeys(Class<?> type, String indent, PrintStream out) {
        for (RecordComponent c : type.getRecordComponents()) {
            ConfigDoc doc = c.getAnnotation(ConfigDoc.class);
            String key = c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            out.printf("%s%-24s default %-14s %s%n", indent, key,
                    doc == null || doc.defaultValue().isEmpty() ? "-" : doc.defaultValue(), doc == null ? "" : doc.value());
            // Nested config sections are records too; a value type like DataSize is not a section.
            if (c.getType().isRecord() && c.getType() != io.tributary.plugin.api.DataSize.class) {
                printKeys(c.getType(), indent + "  ", out);
            }
        }
    }
}
