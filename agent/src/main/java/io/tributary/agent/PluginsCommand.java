package io.tributary.agent;

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
 * {@code tributary plugins [--plugin-dir DIR] [--keys]}: lists the source plugins the agent can
 * run: type, where it comes from (built-in or its jar/folder), version, description; with
 * {@code --keys} also each plugin's config keys with default and doc line.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the source plugins the agent can run.")
public final class PluginsCommand implements Callable<Integer> {
    @Option(names = "--plugin-dir", paramLabel = "DIR", description = "third-party plugin directory (agent.plugin-dir)")
    Path pluginDir;

    @Option(names = "--keys", description = "also list each plugin's config keys")
    boolean keys;

    @Override
    public Integer call() {
        PluginRegistry registry;
        try {
            registry = PluginRegistry.discover(PluginsCommand.class.getClassLoader(), pluginDir);
        } catch (PluginException e) {
            System.err.println("plugins: " + e.getMessage());
            return 1;
        }
        print(registry, System.out);
        return 0;
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
            if (c.getType().isRecord()) {
                printKeys(c.getType(), indent + "  ", out);
            }
        }
    }
}
