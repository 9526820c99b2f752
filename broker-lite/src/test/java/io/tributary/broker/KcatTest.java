package io.tributary.broker;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** librdkafka (through kcat) against broker-lite: produce, consume, list metadata. .ci/run installs kcat. */
class KcatTest {
    @TempDir
    static Path dataDir;
    static BrokerLite broker;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(kcatInstalled(), "kcat is not installed (apt-get install kcat)");
        broker = BrokerTestSupport.startBroker(dataDir);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kcatProducesAndJavaConsumes() throws Exception {
        Result produce = kcat("alpha:one\nbeta:two\ngamma:three\n", "-P", "-t", "from-kcat", "-p", "0", "-K:");
        assertThat(produce.exitCode).as(produce.output).isZero();
        try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(), Map.of())) {
            List<ConsumerRecord<String, String>> records =
                    BrokerTestSupport.readAll(consumer, List.of(new TopicPartition("from-kcat", 0)), 3);
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("alpha", "beta", "gamma");
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("one", "two", "three");
        }
    }

    @Test
    void javaProducesAndKcatConsumesCompressedBatches() throws Exception {
        try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(),
                Map.of("compression.type", "lz4"))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("to-kcat", 0, "k" + i, "v" + i));
            }
            producer.flush();
        }
        Result consume = kcat("", "-C", "-t", "to-kcat", "-p", "0", "-o", "beginning", "-e", "-f", "%o %k=%s\\n");
        assertThat(consume.exitCode).as(consume.output).isZero();
        List<String> lines = consume.output.lines().filter(l -> l.matches("\\d+ .*")).toList();
        assertThat(lines).hasSize(100);
        assertThat(lines.get(0)).isEqualTo("0 k0=v0");
        assertThat(lines.get(99)).isEqualTo("99 k99=v99");
    }

    @Test
    void kcatListsTheBrokerAndTopics() throws Exception {
        kcat("x\n", "-P", "-t", "listed", "-p", "0");
        Result list = kcat("", "-L", "-t", "listed");
        assertThat(list.exitCode).as(list.output).isZero();
        assertThat(list.output).contains("1 brokers:").contains("topic \"listed\" with 1 partitions");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result kcat(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kcat", "-b", broker.bootstrapServers(), "-m", "10"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kcat did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static boolean kcatInstalled() {
        try {
            Process p = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
