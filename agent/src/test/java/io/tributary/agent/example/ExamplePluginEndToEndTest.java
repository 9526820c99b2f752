package io.tributary.agent.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.agent.Agent;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference third-party plugin ({@code plugins/example-tcp-lines}) as a user runs it: its
 * jar, built by its own module, is copied into a plugins directory; a real agent loads it from
 * there, lines sent to it over TCP arrive in a broker-lite topic as event JSON.
 *
 * <p>The jar's path comes from Maven (system property {@code example.plugin.jar}, see the agent
 * pom): the agent declares the example as a test dependency only to build it first, and keeps
 * it off the test class path, so the plugin can only come from the plugins directory.
 */
class ExamplePluginEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PLUGIN_CLASS = "org.example.tributary.tcplines.TcpLinesSourceFactory";

    @TempDir
    Path dir;

    @Test
    void theExamplePluginLoadsFromThePluginDirectoryAndItsLinesArriveInTheTopic() throws Exception {
        assertThatThrownBy(() -> Class.forName(PLUGIN_CLASS))
                .as("the example plugin must not be on the agent's class path")
                .isInstanceOf(ClassNotFoundException.class);
        Path pluginDir = Files.createDirectories(dir.resolve("plugins"));
        installExamplePlugin(pluginDir);
        int tcpPort = freePort();

        try (BrokerLite broker = BrokerLite.start(BrokerConfig.defaults(dir.resolve("broker"))
                .withListen("127.0.0.1:0"))) {
            String yaml = """
                    agent:
                      host: e2e-host
                      data-dir: %s
                      plugin-dir: %s
                    output:
                      bootstrap.servers: %s
                    sources:
                      - type: tcp-lines
                        id: tcp
                        topic: lines
                        listen: 127.0.0.1:%d
                        max-line-length: 16
                    """.formatted(dir.resolve("agent"), pluginDir, broker.bootstrapServers(), tcpPort);
            try (Agent agent = Agent.start(yaml, Map.of())) {
                try (Socket client = connectWhenListening(tcpPort)) {
                    OutputStream out = client.getOutputStream();
                    out.write("hello from outside\nsecond line\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                List<JsonNode> events = readEvents(broker.bootstrapServers(), "lines", 2);
                assertThat(events).extracting(e -> e.get("body").asText())
                        .containsExactly("hello from outsi", "second line");
                JsonNode first = events.get(0);
                assertThat(first.get("host").asText()).isEqualTo("e2e-host");
                assertThat(first.get("source").asText()).isEqualTo("tcp");
                assertThat(first.get("attributes").get("remote").asText()).startsWith("127.0.0.1:");
                assertThat(first.get("attributes").get("truncated").asText()).isEqualTo("true");
                assertThat(events.get(1).get("attributes").has("truncated")).isFalse();
            }
        }
    }

    /** Copies the example's jar; a `mvn test` run resolves it to its classes directory, which is jarred up here. */
    private static void installExamplePlugin(Path pluginDir) throws IOException {
        String location = System.getProperty("example.plugin.jar");
        assertThat(location).as("system property example.plugin.jar (set by the agent pom)").isNotBlank();
        Path built = Path.of(location);
        Path target = pluginDir.resolve("tributary-example-tcp-lines.jar");
        if (Files.isRegularFile(built)) {
            Files.copy(built, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        assertThat(built).as("example plugin classes").isDirectory();
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target));
             Stream<Path> files = Files.walk(built)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(built.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Socket connectWhenListening(int port) {
        Socket[] socket = new Socket[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
            socket[0] = new Socket("127.0.0.1", port);
            return true;
        });
        return socket[0];
    }

    private static List<JsonNode> readEvents(String bootstrap, String topic, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<byte[], String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos == null || infos.isEmpty()) {
                    return false;
                }
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                return true;
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<byte[], String> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(json.readTree(r.value()));
                }
                return events.size() >= count;
            });
        }
        return events;
    }
}
