package io.tributary.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.agent.internal.AgentStarter;
import io.tributary.agent.internal.config.AgentConfig;
import io.tributary.agent.internal.config.Compression;
import io.tributary.agent.testsources.CounterSourceFactory;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
    @TempDir
    Path dir;

    @Test
    void bindsEverySectionAndThePluginConfigWithEnvSubstitution() throws Exception {
        String yaml = """
                agent:
                  host: ${HOST_NAME:-fallback-host}
                  data-dir: ${DATA:-/tmp/x}
                  shutdown-timeout: 3s
                output:
                  bootstrap.servers: ${BROKER:-127.0.0.1:9092}
                  compression: ZSTD
                  batch-size: 128KiB
                  linger: 5ms
                  security.protocol: PLAINTEXT
                pipeline: { max-events: 500, max-bytes: 1MiB }
                spool: { max-bytes: 16MiB, segment-bytes: 1MiB }
                checkpoint: { interval: 250ms }
                sources:
                  - type: test-counter
                    topic: logs
                    count: ${COUNT:-7}
                    interval: PT2S
                    max-size: 10MB
                    mode: slow-start
                    paths: [/var/log/a.log, "${LOGDIR}/b.log"]
                    multiline: { start-pattern: '^\\d{4}' }
                  - type: test-ticker
                    id: metrics
                """;
        AgentStarter.Prepared p = AgentStarter.parse(yaml, Map.of("BROKER", "10.0.0.1:9093", "LOGDIR", "/srv/logs"));
        AgentConfig c = p.config();
        assertThat(c.agent().host()).isEqualTo("fallback-host");
        assertThat(c.agent().dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.agent().shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.output().bootstrapServers()).isEqualTo("10.0.0.1:9093");
        assertThat(c.output().compression()).isEqualTo(Compression.ZSTD);
        assertThat(c.output().batchSize()).isEqualTo(DataSize.ofKiB(128));
        assertThat(c.output().linger()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.output().producerProperties()).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(c.pipeline().maxEvents()).isEqualTo(500);
        assertThat(c.spool().segmentBytes()).isEqualTo(DataSize.ofMiB(1));
        assertThat(c.checkpoint().interval()).isEqualTo(Duration.ofMillis(250));

        assertThat(p.sources()).hasSize(2);
        assertThat(p.sources().get(0).entry().id()).isEqualTo("test-counter-0");
        assertThat(p.sources().get(0).entry().topic()).isEqualTo("logs");
        CounterSourceFactory.Config counter = (CounterSourceFactory.Config) p.sources().get(0).config();
        assertThat(counter.count()).isEqualTo(7);
        assertThat(counter.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(counter.maxSize()).isEqualTo(DataSize.ofMiB(10));
        assertThat(counter.mode()).isEqualTo(CounterSourceFactory.Mode.SLOW_START);
        assertThat(counter.paths()).containsExactly("/var/log/a.log", "/srv/logs/b.log");
        assertThat(counter.multiline().startPattern()).isEqualTo("^\\d{4}");
        assertThat(p.sources().get(1).entry().id()).isEqualTo("metrics");
        assertThat(p.sources().get(1).entry().topic()).isEqualTo("test-ticker");
    }

    @Test
    void anEmptyConfigGetsTheDocumentedDefaults() throws Exception {
        AgentConfig c = AgentStarter.parse("", Map.of()).config();
        assertThat(c.agent().dataDir()).isEqualTo(Path.of("/var/lib/tributary/agent"));
        assertThat(c.agent().host()).isNotBlank();
        assertThat(c.output().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.output().compression()).isEqualTo(Compression.LZ4);
        assertThat(c.output().batchSize()).isEqualTo(DataSize.ofKiB(256));
        assertThat(c.output().linger()).isEqualTo(Duration.ofMillis(20));
        assertThat(c.pipeline().maxEvents()).isEqualTo(6_000);
        assertThat(c.pipeline().maxBytes()).isEqualTo(DataSize.ofMiB(16));
        assertThat(c.spool().maxBytes()).isEqualTo(DataSize.ofMiB(256));
        assertThat(c.checkpoint().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.sources()).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsKeyPath() {
        String yaml = """
                agent:
                  data-dir: ${NOT_SET}
                  colour: blue
                output:
                  compression: brotli
                  acks: "1"
                  linger: 5
                  no.such.property: x
                pipeline: { max-events: -1, max-bytes: lots }
                sources:
                  - type: test-counter
                    count: -5
                    mode: turbo
                  - type: test-counter
                    id: dup
                    multiline: { start-pattern: '[' }
                    unknown-key: 1
                  - type: test-counter
                    id: dup
                    topic: "bad topic"
                  - type: no-such-plugin
                  - topic: x
                """;
        assertThatThrownBy(() -> AgentStarter.parse(yaml, Map.of()))
                .isInstanceOfSatisfying(AgentConfigException.class, e -> {
                    assertThat(e.errors()).extracting(ConfigError::key).contains(
                            "agent.data-dir", "agent.colour", "output.compression", "output.acks", "output.linger",
                            "output.no.such.property", "pipeline.max-bytes", "sources[0].mode",
                            "sources[2].id", "sources[2].topic", "sources[4].type");
                    assertThat(reason(e.errors(), "agent.data-dir")).contains("NOT_SET is not set");
                    assertThat(reason(e.errors(), "output.compression")).contains("'brotli' is not one of none, gzip, snappy, lz4, zstd");
                    assertThat(reason(e.errors(), "output.acks")).contains("set by the agent");
                    assertThat(reason(e.errors(), "output.linger")).contains("needs a unit");
                    assertThat(reason(e.errors(), "pipeline.max-bytes")).contains("not a size: 'lots'");
                    assertThat(reason(e.errors(), "sources[2].id")).contains("duplicate id 'dup' (also sources[1])");
                    assertThat(reason(e.errors(), "agent.colour")).contains("unknown key");
                });
    }

    @Test
    void pluginConfigErrorsNameTheSourceAndTheKey() {
        String yaml = """
                sources:
                  - type: test-counter
                    count: -5
                  - type: test-counter
                    multiline: { start-pattern: '[' }
                    unknown-key: 1
                  - type: no-such-plugin
                """;
        assertThatThrownBy(() -> AgentStarter.parse(yaml, Map.of()))
                .isInstanceOfSatisfying(AgentConfigException.class, e -> {
                    assertThat(e.errors()).extracting(ConfigError::toString).contains("sources[0].count: must be >= 0, got -5");
                    assertThat(reason(e.errors(), "sources[2].type"))
                            .startsWith("unknown source type 'no-such-plugin' (available: test-counter, test-ticker");
                    assertThat(reason(e.errors(), "sources[1].unknown-key")).startsWith("unknown key (known keys: count, interval,");
                });
        assertThatThrownBy(() -> AgentStarter.parse("sources:\n  - type: test-counter\n    multiline: { start-pattern: '[' }\n", Map.of()))
                .hasMessage("sources[0].multiline.start-pattern: not a valid regular expression");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> AgentStarter.parse("agent:\n  host: [unclosed\n", Map.of()))
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void theAgentCommandExitsWith2AndPrintsKeyPathsForABadConfig() throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "output:\n  compression: brotli\n");
        AgentCommand cmd = new AgentCommand();
        cmd.config = file;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertThat(cmd.call()).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).contains("output.compression: 'brotli' is not one of");
        cmd.config = dir.resolve("missing.yaml");
        assertThat(cmd.call()).isEqualTo(2);
    }

    private static String reason(List<ConfigError> errors, String key) {
        return errors.stream().filter(e -> e.key().equals(key)).map(ConfigError::reason).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + key + " in " + errors));
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNamingTheKeyAndTheLine() {
        String yaml = "output:\n  bootstrap.servers: a:9092\n  bootstrap.servers: b:9092\n";
        assertThatThrownBy(() -> AgentStarter.parse(yaml, Map.of()))
                .hasMessageContaining("output.bootstrap.servers: key 'bootstrap.servers' given twice (line 2 and line 3)");
    }
}
