package io.tributary.agent.internal.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The class loader of one third-party plugin: its own jars, and as parent a filter that lets
 * through only the plugin API ({@code io.tributary.plugin.api.*}), SLF4J and the JDK. So a
 * plugin can bring its own version of any library (Jackson, Guava, ...) without clashing with
 * the agent's or another plugin's.
 */
public final class PluginClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    public PluginClassLoader(String name, URL[] urls, ClassLoader agentLoader) {
        super("plugin-" + name, urls, new ApiOnlyLoader(agentLoader));
    }

    /** Delegates the shared packages to the agent, everything else to the platform (JDK) loader. */
    static final class ApiOnlyLoader extends ClassLoader {
        private static final String[] SHARED = {"io.tributary.plugin.api.", "org.slf4j."};

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader agentLoader;

        ApiOnlyLoader(ClassLoader agentLoader) {
            super("tributary-plugin-api", ClassLoader.getPlatformClassLoader());
            this.agentLoader = agentLoader;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : SHARED) {
                if (name.startsWith(prefix)) {
                    return agentLoader.loadClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return getParent().getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            // Service files and other resources of the agent's class path stay invisible to plugins.
            return name.startsWith("META-INF/") ? Collections.emptyEnumeration() : getParent().getResources(name);
        }
    }
}
