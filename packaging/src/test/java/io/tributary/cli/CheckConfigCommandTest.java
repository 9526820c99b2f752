package io.tributary.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tributary check-config FILE}: role detection, the broker's own validation, exit codes. */
class CheckConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void theShippedBrokerSampleIsValid() {
        Path sample = Path.of("..", "config-samples", "broker.yaml");
        Cli.Result result = Cli.run("check-config", sample.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith(sample + ": ok (broker: listen 127.0.0.1:9092");
    }

    @Test
    void aBadValueNamesTheKeyPath() throws IOException {
        Path file = write("listen: 127.0.0.1:9092\nlog:\n  retention-ms: -5\n");
        Cli.Result result = Cli.run("check-config", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("tributary check-config: " + file + ": log.retention-ms: ");
    }

    @Test
    void anUnknownKeyIsNamed() throws IOException {
        Path file = write("listen: 127.0.0.1:9092\nlisten-port: 9093\n");
        Cli.Result result = Cli.run("check-config", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("tributary check-config: " + file + ": listen-port: unknown key");
    }

    @Test
    void aBadPortIsNamed() throws IOException {
        Path file = write("listen: 127.0.0.1:99999\n");
        Cli.Result result = Cli.run("check-config", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "tributary check-config: " + file + ": listen: '99999' is not a port number (0-65535)");
    }

    @Test
    void theRoleMustBeToldWhenKeysDoNotSayIt() throws IOException {
        Path empty = write("");
        Cli.Result guessed = Cli.run("check-config", empty.toString());
        assertThat(guessed.exitCode()).isEqualTo(2);
        assertThat(guessed.err()).contains("pass --role (broker");

        Cli.Result told = Cli.run("check-config", empty.toString(), "--role", "broker");
        assertThat(told.exitCode()).as(told.err()).isZero();

        Cli.Result unknownRole = Cli.run("check-config", empty.toString(), "--role", "warehouse");
        assertThat(unknownRole.exitCode()).isEqualTo(2);
        assertThat(unknownRole.errLines()).containsExactly(
                "tributary check-config: unknown --role 'warehouse' (known: broker, agent, sink)");
    }

    @Test
    void missingFileAndBrokenYaml() throws IOException {
        Cli.Result missing = Cli.run("check-config", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines()).containsExactly("tributary check-config: " + dir.resolve("nope.yaml") + ": no such file");

        Path broken = write("listen: [127.0.0.1\n");
        Cli.Result result = Cli.run("check-config", broken.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("not valid YAML");
    }

    @Test
    void noFileIsBadUsage() {
        Cli.Result result = Cli.run("check-config");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
    }

    @Test
    void anAgentConfigIsCheckedWithItsPlugins() throws IOException {
        Path good = write("""
                agent: { host: web-1, data-dir: %s }
                output: { bootstrap.servers: 127.0.0.1:9092 }
                sources:
                  - { type: host-metrics, id: host, topic: metrics, interval: 10s }
                """.formatted(dir.resolve("agent")));
        Cli.Result ok = Cli.run("check-config", good.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith(good + ": ok (agent: ").contains("host (host-metrics -> metrics)");

        Path bad = write("""
                agent: { host: web-1, data-dir: %s }
                output: { bootstrap.servers: 127.0.0.1:9092, compression: brotli }
                sources:
                  - { type: host-metrics, id: host, topic: metrics, interval: 10 }
                """.formatted(dir.resolve("agent")));
        Cli.Result result = Cli.run("check-config", bad.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("tributary check-config: " + bad + ": ")
                .contains("output.compression: ", "sources[0].interval: ");
    }

    @Test
    void theShippedSinkSamplesAreValidAndABadSinkIsNamed() throws IOException {
        for (String sample : List.of("sink-files.yaml", "sink-postgres.yaml", "sink-duckdb.yaml")) {
            Path file = Path.of("..", "config-samples", sample);
            Cli.Result result = Cli.run("check-config", file.toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).startsWith(file + ": ok (sink: ");
        }
        Path bad = write("""
                input: { bootstrap.servers: 127.0.0.1:9092, group: archive }
                sinks:
                  - { type: files, topics: [logs], path: lake, batch: { max-records: 0 } }
                """);
        Cli.Result result = Cli.run("check-config", bad.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("tributary check-config: " + bad + ": ").contains("sinks[0].batch.max-records");
    }

    @Test
    void keysOfTwoRolesNeedTheRole() throws IOException {
        Path mixed = write("listen: 127.0.0.1:9092\nsinks: []\n");
        Cli.Result result = Cli.run("check-config", mixed.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("pass --role (broker, agent, sink)");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
