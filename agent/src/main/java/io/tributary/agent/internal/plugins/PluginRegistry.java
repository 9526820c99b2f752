package io.tributary.agent.internal.plugins;

import io.tributary.plugin.api.SourceFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every source plugin the agent can run: built-ins found through {@link ServiceLoader} on the
 * agent's class path, and third-party plugins in {@code agent.plugin-dir}, where each
 * {@code *.jar} file, or each sub-directory of jars, is one plugin loaded in its own
 * {@link PluginClassLoader} (it sees the plugin API, SLF4J and the JDK, not the agent's
 * libraries nor other plugins). Two plugins with the same type are an error.
 */
public final class PluginRegistry {
    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    /** One plugin: its factory, where it came from (built-in or a path) and its loader. */
    public record Plugin(SourceFactory<?> factory, String origin, ClassLoader loader) {
        public String type() {
            return factory.type();
        }
    }

    private final Map<String, Plugin> byType;

    private PluginRegistry(Map<String, Plugin> byType) {
        this.byType = byType;
    }

    /**
     * Finds the plugins.
     *
     * @param pluginDir the third-party plugin directory, or null for none (a missing directory is
     *                  logged and treated as empty)
     * @throws PluginException for a broken plugin or a type found twice
     */
    public static PluginRegistry discover(ClassLoader agentLoader, Path pluginDir) throws PluginException {
        Map<String, Plugin> found = new LinkedHashMap<>();
        for (SourceFactory<?> f : load(agentLoader, "the agent's class path")) {
            add(found, new Plugin(f, "built-in", agentLoader));
        }
        if (pluginDir != null) {
            if (!Files.isDirectory(pluginDir)) {
                log.info("plugin directory {} does not exist: no third-party plugins", pluginDir);
            } else {
                for (Path entry : entries(pluginDir)) {
                    PluginClassLoader loader = new PluginClassLoader(entry.getFileName().toString(), urls(entry), agentLoader);
                    List<SourceFactory<?>> factories = load(loader, entry.toString());
                    if (factories.isEmpty()) {
                        log.warn("plugin {} has no META-INF/services/{} entry: ignored", entry, SourceFactory.class.getName());
                    }
                    for (SourceFactory<?> f : factories) {
                        add(found, new Plugin(f, entry.toString(), loader));
                    }
                }
            }
        }
        return new PluginRegistry(found);
    }

    private static void add(Map<String, Plugin> found, Plugin p) throws PluginException {
        Plugin other = found.putIfAbsent(p.type(), p);
        if (other != null) {
            throw new PluginException("source type '" + p.type() + "' is provided twice: by " + other.origin() + " and by " + p.origin());
        }
    }

    private static List<SourceFactory<?>> load(ClassLoader loader, String where) throws PluginException {
        List<SourceFactory<?>> result = new ArrayList<>();
        try {
            for (SourceFactory<?> f : ServiceLoader.load(SourceFactory.class, loader)) {
                // ServiceLoader on a child loader also sees the parent's services: keep only the loader's own.
                if (f.getClass().getClassLoader() == loader || !(loader instanceof PluginClassLoader)) {
                    result.add(f);
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new PluginException("plugin in " + where + " cannot be loaded: " + e.getMessage());
        }
        return result;
    }

    private static List<Path> entries(Path dir) throws PluginException {
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")) {
                    result.add(p);
                }
            }
        } catch (IOException e) {
            throw new PluginException("cannot list plugin directory " + dir + ": " + e.getMessage());
        }
        result.sort(null);
        return result;
    }

    private static URL[] urls(Path entry) throws PluginException {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(entry, "*.jar")) {
                ds.forEach(jars::add);
            } catch (IOException e) {
                throw new PluginException("cannot list plugin folder " + entry + ": " + e.getMessage());
            }
            jars.sort(null);
        } else {
            jars.add(entry);
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginException("bad plugin path " + jars.get(i));
            }
        }
        return urls;
    }

    public Plugin get(String type) {
        return byType.get(type);
    }

    public Collection<Plugin> all() {
        return byType.values();
    }

    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
