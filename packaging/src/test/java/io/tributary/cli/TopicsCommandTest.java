package io.tributary.cli;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tributary topics create|list|describe|delete} against an in-process broker-lite. */
class TopicsCommandTest {
    @TempDir
    static Path dataDir;
    static BrokerLite broker;
    static String bootstrap;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerLite.start(BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0"));
        bootstrap = broker.bootstrapServers();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void createListDescribeDelete() {
        Cli.Result created = Cli.run("topics", "create", "orders", "--partitions", "3", "--config", "retention.ms=3600000",
                "-b", bootstrap);
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("Created topic orders." + System.lineSeparator());

        assertThat(Cli.run("topics", "list", "-b", bootstrap).outLines()).contains("orders");

        Cli.Result produced = Cli.runWithInput("a\nb\n", "produce", "orders", "--partition", "2", "-b", bootstrap);
        assertThat(produced.exitCode()).as(produced.err()).isZero();

        Cli.Result described = Cli.run("topics", "describe", "orders", "-b", bootstrap);
        assertThat(described.exitCode()).as(described.err()).isZero();
        List<String> lines = described.outLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("Topic: orders", "PartitionCount: 3", "ReplicationFactor: 1",
                "Configs: retention.ms=3600000");
        assertThat(lines.get(1)).contains("Partition: 0", "Leader: 0", "StartOffset: 0", "EndOffset: 0");
        assertThat(lines.get(3)).contains("Partition: 2", "EndOffset: 2");

        Cli.Result deleted = Cli.run("topics", "delete", "orders", "-b", bootstrap);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(Cli.run("topics", "list", "-b", bootstrap).outLines()).doesNotContain("orders");
    }

    @Test
    void describeWithoutNamesDescribesEveryTopic() {
        Cli.run("topics", "create", "all-a", "-p", "1", "-b", bootstrap);
        Cli.run("topics", "create", "all-b", "-p", "2", "-b", bootstrap);
        Cli.Result described = Cli.run("topics", "describe", "-b", bootstrap);
        assertThat(described.exitCode()).isZero();
        assertThat(described.out()).contains("Topic: all-a\t", "Topic: all-b\t");
    }

    @Test
    void creatingAnExistingTopicFailsWithOneLine() {
        assertThat(Cli.run("topics", "create", "dup", "-b", bootstrap).exitCode()).isZero();

        Cli.Result again = Cli.run("topics", "create", "dup", "-b", bootstrap);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly("tributary topics create: topic 'dup' already exists");

        assertThat(Cli.run("topics", "create", "dup", "--if-not-exists", "-b", bootstrap).exitCode()).isZero();
    }

    @Test
    void missingTopicIsNamed() {
        Cli.Result described = Cli.run("topics", "describe", "nope", "-b", bootstrap);
        assertThat(described.exitCode()).isEqualTo(1);
        assertThat(described.errLines()).containsExactly("tributary topics describe: topic 'nope' does not exist");

        Cli.Result deleted = Cli.run("topics", "delete", "nope", "-b", bootstrap);
        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.errLines()).containsExactly("tributary topics delete: topic 'nope' does not exist");
        assertThat(Cli.run("topics", "delete", "nope", "--if-exists", "-b", bootstrap).exitCode()).isZero();
    }

    @Test
    void brokerRejectionIsOneLine() {
        Cli.Result result = Cli.run("topics", "create", "bad-config", "--config", "retention.ms=soon", "-b", bootstrap);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("tributary topics create: creating topic 'bad-config': ").contains("retention.ms");
    }

    @Test
    void commandConfigAddsClientSettings(@TempDir Path dir) throws java.io.IOException {
        Path good = java.nio.file.Files.writeString(dir.resolve("client.properties"), "client.id=ops-laptop\nretries=3\n");
        Cli.Result listed = Cli.run("topics", "list", "--command-config", good.toString(), "-b", bootstrap);
        assertThat(listed.exitCode()).as(listed.err()).isZero();

        Cli.Result missing = Cli.run("topics", "list", "--command-config", dir.resolve("nope.properties").toString(), "-b", bootstrap);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines()).containsExactly(
                "tributary topics list: --command-config " + dir.resolve("nope.properties") + " does not exist");

        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.properties"), "retries=many\n");
        Cli.Result rejected = Cli.run("topics", "list", "--command-config", bad.toString(), "-b", bootstrap);
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.errLines()).hasSize(1);
        assertThat(rejected.err()).startsWith("tributary topics list: cannot create a Kafka client: ").contains("retries");
    }

    static Stream<List<String>> badUsage() {
        return Stream.of(
                List.of("topics"),
                List.of("topics", "frobnicate"),
                List.of("topics", "create"),
                List.of("topics", "create", "t", "--partitions", "many"),
                List.of("topics", "create", "t", "--partitions", "0"),
                List.of("topics", "create", "t", "--config", "retention.ms"),
                List.of("topics", "list", "--timeout", "0"),
                List.of("topics", "delete"),
                List.of("topics", "list", "--no-such-option"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageExitsTwoWithOneLine(List<String> args) {
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("tributary topics");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void everyTopicsCommandHasHelp() {
        for (String sub : List.of("create", "list", "describe", "delete")) {
            Cli.Result help = Cli.run("topics", sub, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: tributary topics " + sub, "--bootstrap-server", "--timeout");
        }
    }
}
