package io.tributary.broker;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A group consumer in its own JVM, so a test can kill -9 it (no LeaveGroup, no more heartbeats).
 * The child prints {@code ASSIGNED <partitions>} after every rebalance; the parent tracks it.
 */
final class GroupConsumerProcess implements AutoCloseable {
    private final Process process;
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final String topic;

    private GroupConsumerProcess(Process process, String topic) {
        this.process = process;
        this.topic = topic;
        Thread reader = new Thread(this::pump, "consumer-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static GroupConsumerProcess start(String bootstrap, String topic, String group) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), GroupConsumerProcess.class.getName(), bootstrap, topic, group);
        return new GroupConsumerProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), topic);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ASSIGNED")) {
                    String list = line.substring("ASSIGNED".length()).trim();
                    assignment.set(list.isEmpty() ? Set.of() : java.util.Arrays.stream(list.split(","))
                            .map(p -> new TopicPartition(topic, Integer.parseInt(p))).collect(Collectors.toSet()));
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    Set<TopicPartition> assignment() {
        return assignment.get();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }

    /** The child: subscribe, report assignments, poll and commit until killed. */
    public static void main(String[] args) {
        Map<String, Object> settings = new HashMap<>(GroupMemberThread.fastGroupSettings(args[2]));
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "child");
        try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(args[0], settings)) {
            consumer.subscribe(List.of(args[1]), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    Set<Integer> ids = new TreeSet<>();
                    consumer.assignment().forEach(tp -> ids.add(tp.partition()));
                    System.out.println("ASSIGNED " + ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
                    System.out.flush();
                }
            });
            while (true) {
                if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    consumer.commitSync();
                }
            }
        }
    }

}
