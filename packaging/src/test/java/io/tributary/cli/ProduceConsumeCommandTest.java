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

/** {@code tributary produce} and {@code consume} round trips against an in-process broker-lite. */
class ProduceConsumeCommandTest {
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
    void linesFromStdinComeBackInOrder() {
        Cli.Result produced = Cli.runWithInput("first\nsecond line\nthird ünïcode\n", "produce", "lines", "-b", bootstrap);
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        assertThat(produced.err()).isEmpty();

        Cli.Result consumed = Cli.run("consume", "lines", "--from-beginning", "--max-messages", "3", "-b", bootstrap);
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.outLines()).containsExactly("first", "second line", "third ünïcode");
        assertThat(consumed.err()).contains("Processed a total of 3 messages");
    }

    @Test
    void keysPartitionsOffsetsAndFormat() {
        Cli.run("topics", "create", "keyed", "--partitions", "2", "-b", bootstrap);
        Cli.Result produced = Cli.runWithInput("user1:login\nuser2:logout\nuser1:click\n", "produce", "keyed",
                "--partition", "1", "--property", "parse.key=true", "--property", "key.separator=:", "-b", bootstrap);
        assertThat(produced.exitCode()).as(produced.err()).isZero();

        Cli.Result consumed = Cli.run("consume", "keyed", "--partition", "1", "--offset", "1", "--max-messages", "2",
                "--format", "{partition}/{offset} {key}={value}", "-b", bootstrap);
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.outLines()).containsExactly("1/1 user2=logout", "1/2 user1=click");
    }

    @Test
    void fixedKey() {
        Cli.runWithInput("x\n", "produce", "fixed-key", "--key", "host-7", "-b", bootstrap);
        Cli.Result consumed = Cli.run("consume", "fixed-key", "--from-beginning", "--max-messages", "1",
                "--format", "{key}\\t{value}", "-b", bootstrap);
        assertThat(consumed.outLines()).containsExactly("host-7\tx");
    }

    @Test
    void idleTimeoutStopsAnEmptyRead() {
        Cli.run("topics", "create", "quiet", "-b", bootstrap);
        Cli.Result consumed = Cli.run("consume", "quiet", "--from-beginning", "--idle-timeout", "0.5", "-b", bootstrap);
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.out()).isEmpty();
        assertThat(consumed.err()).contains("Processed a total of 0 messages");
    }

    @Test
    void consumingAMissingTopicFailsAndDoesNotCreateIt() {
        Cli.Result consumed = Cli.run("consume", "never-made", "--max-messages", "1", "-b", bootstrap);
        assertThat(consumed.exitCode()).isEqualTo(1);
        assertThat(consumed.errLines()).containsExactly("tributary consume: topic 'never-made' does not exist");
        assertThat(Cli.run("topics", "list", "-b", bootstrap).outLines()).doesNotContain("never-made");
    }

    @Test
    void aLineWithoutTheKeySeparatorFails() {
        Cli.Result produced = Cli.runWithInput("k\tv\nno separator here\n", "produce", "sep",
                "--property", "parse.key=true", "-b", bootstrap);
        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.errLines()).containsExactly(
                "tributary produce: line has no key separator '\\t': no separator here");
        // The line before the bad one was still written.
        Cli.Result consumed = Cli.run("consume", "sep", "--from-beginning", "--max-messages", "1", "--format", "{key}|{value}",
                "-b", bootstrap);
        assertThat(consumed.outLines()).containsExactly("k|v");
    }

    static Stream<List<String>> badUsage() {
        return Stream.of(
                List.of("produce"),
                List.of("produce", "t", "--property", "colour=blue"),
                List.of("produce", "t", "--key", "k", "--property", "parse.key=true"),
                List.of("produce", "t", "--producer-property", "acks"),
                List.of("consume"),
                List.of("consume", "t", "--group", "g", "--partition", "0"),
                List.of("consume", "t", "--offset", "5"),
                List.of("consume", "t", "--max-messages", "0"),
                List.of("consume", "t", "--format", "{colour}"),
                List.of("consume", "t", "--format", "{value"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageExitsTwoWithOneLine(List<String> args) {
        Cli.Result result = Cli.runWithInput("", args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("tributary " + args.get(0) + ": ");
    }

    @Test
    void helpOfProduceAndConsume() {
        assertThat(Cli.run("produce", "--help").out()).contains("Usage: tributary produce", "--key", "--property");
        assertThat(Cli.run("consume", "--help").out()).contains("Usage: tributary consume", "--from-beginning",
                "--partition", "--max-messages", "--group", "--format");
    }
}
