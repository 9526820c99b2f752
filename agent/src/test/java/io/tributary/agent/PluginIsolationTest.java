package io.tributary.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.agent.internal.plugins.PluginRegistry;
import io.tributary.agent.testplugin.IsolatedEchoFactory;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar built here from compiled test classes (not registered on the test class path) is
 * found in the plugin directory, loaded in its own class loader that sees only the plugin API,
 * and its events reach the broker.
 */
class PluginIsolationTest {
    @TempDir
    Path tmp;

    private Path buildPluginJar(Path pluginDir, String name) throws Exception {
        Files.createDirectories(pluginDir);
        Path jar = pluginDir.resolve(name);
        Path classes = Path.of(IsolatedEchoFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve("io/tributary/agent/testplugin");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.toList()) {
                j.putNextEntry(new JarEntry("io/tributary/agent/testplugin/" + f.getFileName()));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("META-INF/services/io.tributary.plugin.api.SourceFactory"));
            j.write((IsolatedEchoFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return jar;
    }

    @Test
    void aPluginJarIsLoadedInItsOwnClassLoaderAndItsEventsArrive() throws Exception {
        Path pluginDir = tmp.resolve("plugins");
        buildPluginJar(pluginDir, "isolated-echo.jar");
        try (TestBroker broker = new TestBroker(tmp.resolve("broker")).start()) {
            String yaml = """
                    agent: { host: h1, data-dir: %s, plugin-dir: %s }
                    output: { bootstrap.servers: %s, linger: 5ms }
                    sources:
                      - { type: isolated-echo, id: echo, topic: echo, count: 3 }
                    """.formatted(tmp.resolve("agent"), pluginDir, broker.bootstrap());
            try (Agent agent = Agent.start(yaml, Map.of())) {
                List<TopicContents.Message> msgs = TopicContents.readCount(broker.bootstrap(), "echo", 3, Duration.ofSeconds(30));
                assertThat(msgs).extracting(m -> m.event().get("body").asText()).containsExactly("echo-0", "echo-1", "echo-2");
                var attrs = msgs.get(0).event().get("attributes");
                assertThat(attrs.get("loader").asText()).isEqualTo("plugin-isolated-echo.jar");
                // The agent's own libraries and classes are invisible to the plugin.
                assertThat(attrs.get("sees-jackson").asText()).isEqualTo("false");
                assertThat(attrs.get("sees-kafka").asText()).isEqualTo("false");
                assertThat(attrs.get("sees-agent").asText()).isEqualTo("false");
            }
        }
    }

    @Test
    void thePluginsCommandListsBuiltInsAndPluginJarsWithTheirOrigin() throws Exception {
        Path pluginDir = tmp.resolve("plugins");
        Path jar = buildPluginJar(pluginDir, "isolated-echo.jar");
        PluginsCommand cmd = new PluginsCommand();
        cmd.pluginDir = pluginDir;
        cmd.keys = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cmd.print(PluginRegistry.discover(getClass().getClassLoader(), pluginDir), new PrintStream(out, true, StandardCharsets.UTF_8));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(listing).contains("TYPE").contains("test-counter").contains("built-in");
        assertThat(listing).containsPattern("isolated-echo\\s+\\S+\\s+" + java.util.regex.Pattern.quote(jar.toString()) + "\\s+echo from a plugin jar");
        assertThat(listing).containsPattern("count\\s+default 3\\s+events to emit");
    }

    @Test
    void thePluginsCommandTakesThePluginDirectoryFromAnAgentConfig() throws Exception {
        Path pluginDir = tmp.resolve("plugins");
        buildPluginJar(pluginDir, "isolated-echo.jar");
        Path config = Files.writeString(tmp.resolve("agent.yaml"), "agent: { plugin-dir: " + pluginDir + " }\n");
        PluginsCommand cmd = new PluginsCommand();
        cmd.config = config;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(cmd.call()).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("isolated-echo").contains("isolated-echo.jar");
    }

    @Test
    void aTypeProvidedTwiceIsAnErrorNamingBoth() throws Exception {
        Path pluginDir = tmp.resolve("plugins");
        buildPluginJar(pluginDir, "a.jar");
        buildPluginJar(pluginDir, "b.jar");
        String yaml = "agent: { data-dir: %s, plugin-dir: %s }\n".formatted(tmp.resolve("agent"), pluginDir);
        try {
            Agent.start(yaml, Map.of()).close();
            throw new AssertionError("expected a config error");
        } catch (AgentConfigException e) {
            assertThat(e.getMessage()).startsWith("agent.plugin-dir: source type 'isolated-echo' is provided twice")
                    .contains("a.jar").contains("b.jar");
        }
    }
}
