package io.tributary.bench.metrics;

import io.tributary.broker.internal.log.LogConfig;
import io.tributary.broker.internal.metrics.BrokerMetrics;
import io.tributary.broker.internal.topic.LogManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What broker-lite's Prometheus metrics cost: the same broker process (the launcher's classpath
 * and JVM options) run with metrics off (the baseline) and on, alternately, in one run. Measures
 * time to ready (process start to the Kafka port accepting), produce throughput of one
 * idempotent acks=all producer, and the time one {@code /metrics} scrape takes; then, in this JVM,
 * what the request hook costs per Produce request against the bare loop (the baseline).
 *
 * <pre>
 * benchmarks/run-metrics-benchmark.sh [--records N] [--size BYTES] [--rounds R]
 * </pre>
 * Never part of the test phase: run it on purpose, on an otherwise idle machine.
 */
public final class MetricsOverheadBenchmark {
    private record Run(boolean metrics, double readyMs, double recordsPerSec, double scrapeMs) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String classpath = Files.readString(Path.of(options.getOrDefault("--lite-classpath-file", "benchmarks/target/broker-lite.classpath"))).strip();
        long records = Long.parseLong(options.getOrDefault("--records", "1000000"));
        int size = Integer.parseInt(options.getOrDefault("--size", "100"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));

        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Alternate the order so a warming machine favours neither side.
            for (boolean metrics : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                Run run = runOnce(classpath, metrics, records, size);
                System.out.printf("round %d metrics %-3s ready %6.0f ms  produce %,10.0f records/s  scrape %s%n", round + 1,
                        metrics ? "on" : "off", run.readyMs, run.recordsPerSec,
                        metrics ? String.format("%.2f ms", run.scrapeMs) : "-");
                runs.add(run);
            }
        }
        Run off = median(runs, false);
        Run on = median(runs, true);
        System.out.println();
        System.out.printf("median of %d rounds, %,d records of %d bytes; baseline = metrics off%n", rounds, records, size);
        System.out.printf("  time to ready        off %6.0f ms   on %6.0f ms   ratio on/off %.2f%n", off.readyMs, on.readyMs, on.readyMs / off.readyMs);
        System.out.printf("  produce throughput   off %,10.0f/s   on %,10.0f/s   ratio on/off %.3f%n", off.recordsPerSec, on.recordsPerSec,
                on.recordsPerSec / off.recordsPerSec);
        System.out.printf("  one /metrics scrape  %.2f ms%n", on.scrapeMs);
        double hookNs = hookCostNanos();
        System.out.printf("  request hook         %.0f ns per Produce request (a 64 KiB batch of 100-byte records is ~600 records)%n", hookNs);
    }

    /** Nanoseconds {@link BrokerMetrics#completed} adds to one single-partition Produce request (median of 5 runs). */
    private static double hookCostNanos() throws IOException {
        Path dir = Files.createTempDirectory("metrics-hook");
        try (LogManager logs = LogManager.open(dir, LogConfig.defaults(), java.time.Clock.systemUTC());
             BrokerMetrics metrics = new BrokerMetrics(logs)) {
            ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(1000);
            ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName("t");
            topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0)
                    .setRecords(MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[100]))));
            data.topicData().add(topic);
            ProduceRequest request = new ProduceRequest.Builder((short) 9, (short) 9, data).build((short) 9);
            ProduceResponseData response = new ProduceResponseData();
            ProduceResponseData.TopicProduceResponse result = new ProduceResponseData.TopicProduceResponse().setName("t");
            result.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse().setIndex(0));
            response.responses().add(result);
            double[] runs = new double[5];
            int n = 2_000_000;
            for (int r = 0; r < runs.length; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    metrics.completed(ApiKeys.PRODUCE, request, response, null, 1000);
                }
                runs[r] = (System.nanoTime() - t0) / (double) n;
            }
            Arrays.sort(runs);
            return runs[runs.length / 2];
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Run runOnce(String classpath, boolean metrics, long records, int size) throws Exception {
        Path dataDir = Files.createTempDirectory("metrics-bench");
        int port = freePort();
        int metricsPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath, "io.tributary.cli.Tributary", "broker",
                "--listen", "127.0.0.1:" + port, "--data-dir", dataDir.toString()));
        if (metrics) {
            command.addAll(List.of("--metrics-listen", "127.0.0.1:" + metricsPort));
        }
        long t0 = System.nanoTime();
        Process broker = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitPort(port, Duration.ofSeconds(60));
            double readyMs = (System.nanoTime() - t0) / 1e6;
            double rate = produce("127.0.0.1:" + port, records, size);
            double scrapeMs = metrics ? scrape(metricsPort) : 0;
            return new Run(metrics, readyMs, rate, scrapeMs);
        } finally {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double produce(String bootstrap, long records, int size) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.BATCH_SIZE_CONFIG, 65536, ProducerConfig.LINGER_MS_CONFIG, 5);
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("bench", value)); // topic creation and metadata outside the timing
            producer.flush();
            long t0 = System.nanoTime();
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("bench", value));
            }
            producer.flush();
            return records / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Mean of 50 scrapes after 5 warm-up ones. */
    private static double scrape(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        for (int i = 0; i < 5; i++) {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (!response.body().contains("tributary_broker_bytes_in_total")) {
                throw new IllegalStateException("no broker series in /metrics");
            }
        }
        return (System.nanoTime() - t0) / 1e6 / 50;
    }

    private static Run median(List<Run> runs, boolean metrics) {
        List<Run> side = runs.stream().filter(r -> r.metrics == metrics).toList();
        double[] ready = side.stream().mapToDouble(Run::readyMs).sorted().toArray();
        double[] rate = side.stream().mapToDouble(Run::recordsPerSec).sorted().toArray();
        double[] scrape = side.stream().mapToDouble(Run::scrapeMs).sorted().toArray();
        return new Run(metrics, ready[ready.length / 2], rate[rate.length / 2], scrape[scrape.length / 2]);
    }

    private static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException e) {
                Thread.sleep(2); // polling a child process's port; there is nothing to wait on instead
            }
        }
        throw new IllegalStateException("broker not ready on port " + port + " within " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
