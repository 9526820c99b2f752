package io.tributary.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.agent.internal.SourceBinder;
import io.tributary.agent.internal.config.AgentConfig;
import io.tributary.agent.internal.config.ConfigLoader;
import io.tributary.agent.internal.config.ConfigMapper;
import io.tributary.agent.internal.config.EnvSubstitution;
import io.tributary.agent.internal.config.SourceEntry;
import io.tributary.agent.internal.plugins.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config-samples/agent.yaml is a config the agent accepts, and it says what the defaults are. */
class ConfigSampleTest {
    private static final Path SAMPLE = Path.of("..", "config-samples", "agent.yaml");

    @Test
    void theSampleConfigIsValid() throws Exception {
        ConfigMapper mapper = new ConfigMapper();
        ConfigLoader.Parsed parsed = new ConfigLoader(mapper, EnvSubstitution.of(Map.of("TRIBUTARY_BROKER", "10.1.1.1:9092")))
                .parseLenient(Files.readString(SAMPLE), SAMPLE.toString());
        assertThat(parsed.errors()).isEmpty();
        AgentConfig c = parsed.config();
        assertThat(c.output().bootstrapServers()).isEqualTo("10.1.1.1:9092");
        assertThat(c.agent().dataDir()).isEqualTo(Path.of("/var/lib/tributary/agent"));
        assertThat(c.checkpoint().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.sources()).extracting(SourceEntry::type).containsExactly("file-tail", "host-metrics");
        // The sources whose plugins are on this module's test class path bind and validate too.
        PluginRegistry plugins = PluginRegistry.discover(getClass().getClassLoader(), null);
        assertThat(new SourceBinder(mapper).bind(c, plugins, false)).isNotNull();
    }
}
