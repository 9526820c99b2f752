package io.tributary.agent.bench;

import io.tributary.agent.Agent;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Run on purpose (never in {@code mvn verify}): how fast the agent's pipeline moves events from a
 * source to broker-lite, against a baseline of a bare {@link KafkaProducer} sending the same
 * number of same-sized values with the same settings, in the same run.
 *
 * <pre>
 * java -cp "$(cat agent/target/test-classpath.txt):agent/target/classes:agent/target/test-classes" \
 *   io.tributary.agent.bench.PipelineThroughputBenchmark [events=1000000] [bodyBytes=200]
 * </pre>
 */
public final class PipelineThroughputBenchmark {
    private static String extraYaml = "";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int body = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        // Optional third argument: extra agent YAML, e.g. "pipeline: { max-events: 50000 }".
        extraYaml = args.length > 2 ? args[2] : "";
        Path dir = Files.createTempDirectory("tributary-bench");
        try (BrokerLite broker = BrokerLite.start(BrokerConfig.defaults(dir.resolve("broker")).withListen("127.0.0.1:0"))) {
            String bootstrap = broker.bootstrapServers();
            double baseline = baseline(bootstrap, events, body + 120);
            double agent = agent(bootstrap, dir, events, body);
            System.out.printf("baseline producer: %,.0f records/s%n", baseline);
            System.out.printf("agent pipeline:    %,.0f events/s (%.2f x baseline), %.1f MB/s of event JSON%n",
                    agent, agent / baseline, agent * (body + 120) / 1e6);
        }
    }

    private static double baseline(String bootstrap, int n, int valueBytes) throws Exception {
        byte[] value = new byte[valueBytes];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 20), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] key = "bench".getBytes();
            p.send(new ProducerRecord<>("baseline", key, value)).get();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>("baseline", key, value));
            }
            p.flush();
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double agent(String bootstrap, Path dir, int n, int body) throws Exception {
        String yaml = """
                agent: { host: bench, data-dir: %s }
                output: { bootstrap.servers: %s }
                %s
                sources:
                  - { type: test-counter, id: c, topic: agent, count: %d, padding: %d }
                """.formatted(dir.resolve("agent"), bootstrap, extraYaml, n, body - 12);
        long t0 = System.nanoTime();
        try (Agent agent = Agent.start(yaml, Map.of())) {
            boolean printed = false;
            while (agent.stats().sent() < n) {
                if (!printed && agent.stats().sent() > n / 2) {
                    System.out.println("  CPU per thread at half way:");
                    printThreadCpu();
                    printed = true;
                }
                Thread.onSpinWait();
                Thread.sleep(5); // benchmark only, not a test: polling granularity is part of the measurement error
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** CPU seconds per live thread, to see which stage limits the rate. */
    private static void printThreadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long ns = mx.getThreadCpuTime(t.getId());
            if (ns > 50_000_000L) {
                System.out.printf("  thread %-50s %.2f CPU-s%n", t.getName(), ns / 1e9);
            }
        }
    }
}
