package io.tributary.cli;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code tributary groups list|describe} and {@code consume --group} against broker-lite's group coordinator. */
class GroupsCommandTest {
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
    void consumeWithAGroupCommitsWhatItPrintedAndDescribeShowsTheLag() {
        Cli.run("topics", "create", "events", "--partitions", "2", "-b", bootstrap);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append("e").append(i).append('\n');
        }
        assertThat(Cli.runWithInput(lines.toString(), "produce", "events", "--partition", "0", "-b", bootstrap).exitCode()).isZero();
        assertThat(Cli.runWithInput("f0\nf1\n", "produce", "events", "--partition", "1", "-b", bootstrap).exitCode()).isZero();

        Cli.Result consumed = Cli.run("consume", "events", "--group", "loaders", "--from-beginning", "--max-messages", "12",
                "-b", bootstrap);
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.outLines()).hasSize(12);

        assertThat(Cli.runWithInput("e10\ne11\ne12\n", "produce", "events", "--partition", "0", "-b", bootstrap).exitCode()).isZero();

        Cli.Result described = Cli.run("groups", "describe", "loaders", "-b", bootstrap);
        assertThat(described.exitCode()).as(described.err()).isZero();
        List<String> lines0 = described.outLines();
        assertThat(lines0.get(0)).contains("Consumer group 'loaders' has no active members");
        assertThat(lines0.get(1).split("\\s+")).containsExactly("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET",
                "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
        assertThat(lines0.get(2).split("\\s+")).containsExactly("loaders", "events", "0", "10", "13", "3", "-", "-", "-");
        assertThat(lines0.get(3).split("\\s+")).containsExactly("loaders", "events", "1", "2", "2", "0", "-", "-", "-");

        Cli.Result listed = Cli.run("groups", "list", "-b", bootstrap);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.outLines()).contains("loaders");

        // A second run of the same group resumes after what the first one printed.
        Cli.Result resumed = Cli.run("consume", "events", "--group", "loaders", "--max-messages", "3", "-b", bootstrap);
        assertThat(resumed.outLines()).containsExactly("e10", "e11", "e12");
    }

    @Test
    void describeShowsTheOwnerOfEachPartition() {
        Cli.run("topics", "create", "owned", "--partitions", "1", "-b", bootstrap);
        Cli.runWithInput("a\nb\n", "produce", "owned", "-b", bootstrap);
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "watchers",
                ConsumerConfig.CLIENT_ID_CONFIG, "watcher-1",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            member.subscribe(List.of("owned"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !member.poll(Duration.ofMillis(100)).isEmpty());
            member.commitSync(Map.of(new org.apache.kafka.common.TopicPartition("owned", 0),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(1)));

            Cli.Result described = Cli.run("groups", "describe", "watchers", "-b", bootstrap);
            assertThat(described.exitCode()).as(described.err()).isZero();
            String row = described.outLines().get(1);
            assertThat(row.split("\\s+")).startsWith("watchers", "owned", "0", "1", "2", "1");
            assertThat(row).contains("watcher-1");

            Cli.Result withState = Cli.run("groups", "list", "--state", "-b", bootstrap);
            assertThat(withState.out()).containsPattern("watchers\\s+\\S+\\s+Stable");
        }
    }

    @Test
    void anUnknownGroupIsNamed() {
        Cli.Result described = Cli.run("groups", "describe", "nobody", "-b", bootstrap);
        assertThat(described.exitCode()).isEqualTo(1);
        assertThat(described.errLines()).containsExactly("tributary groups describe: consumer group 'nobody' does not exist");
    }

    @Test
    void badUsageAndHelp() {
        Cli.Result missing = Cli.run("groups", "describe");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).hasSize(1);
        assertThat(Cli.run("groups").exitCode()).isEqualTo(2);
        assertThat(Cli.run("groups", "describe", "--help").out()).contains("Usage: tributary groups describe", "GROUP");
        assertThat(Cli.run("groups", "list", "--help").out()).contains("Usage: tributary groups list", "--state");
    }
}
