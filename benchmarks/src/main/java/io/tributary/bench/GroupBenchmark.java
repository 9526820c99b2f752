package io.tributary.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Consumer-group benchmark, broker-lite against Apache Kafka in the same run (each broker a child
 * JVM with its own launcher's options, one after the other):
 * <ol>
 *   <li><b>end-to-end latency</b>: a producer paced at {@code --rate} records/s, a consumer in a group
 *       (subscribe) in the same JVM; latency = receive time - send time (one clock), p50/p99/p99.9/max
 *       over the measured seconds after a warm-up;</li>
 *   <li><b>rebalance time</b>: three members of a group own six partitions; one leaves
 *       ({@code close()}, LeaveGroup); the time from the close call until the two others own every
 *       partition, over several trials (client default session/heartbeat settings).</li>
 * </ol>
 * Run on purpose with {@code benchmarks/run-group-benchmark.sh}; never part of {@code mvn verify}.
 */
@Command(name = "group-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "End-to-end latency through a consumer group and rebalance time: broker-lite vs Apache Kafka.")
public final class GroupBenchmark implements Callable<Integer> {
    @Option(names = "--rate", description = "Records per second (default ${DEFAULT-VALUE}).")
    int rate = 10_000;

    @Option(names = "--seconds", description = "Measured seconds of the latency run (default ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--warmup-seconds", description = "Unmeasured seconds before it (default ${DEFAULT-VALUE}).")
    int warmupSeconds = 5;

    @Option(names = {"-s", "--record-size"}, description = "Record value size in bytes, >= 8 (default ${DEFAULT-VALUE}).")
    int recordSize = 100;

    @Option(names = {"-p", "--partitions"}, description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(names = "--producer-props", split = " ", description = "Producer properties (default '${DEFAULT-VALUE}').")
    List<String> producerProps = List.of("linger.ms=0", "acks=all");

    @Option(names = "--consumer-props", split = " ", description = "Extra consumer properties of every group member, "
            + "e.g. 'heartbeat.interval.ms=500' (default: the client defaults).")
    List<String> consumerProps = List.of();

    @Option(names = "--rebalance-trials", description = "Leave trials of the rebalance run (default ${DEFAULT-VALUE}).")
    int rebalanceTrials = 5;

    @Option(names = "--brokers", split = ",", description = "Which brokers, in order (default ${DEFAULT-VALUE}).")
    List<String> brokers = List.of("broker-lite", "kafka");

    @Option(names = "--kafka-classpath-file", description = "Classpath of the Kafka broker (default ${DEFAULT-VALUE}).")
    Path kafkaClasspathFile = Path.of("benchmarks", "target", "kafka.classpath");

    @Option(names = "--lite-classpath-file", description = "broker-lite's runtime classpath (default ${DEFAULT-VALUE}).")
    Path liteClasspathFile = Path.of("benchmarks", "target", "broker-lite.classpath");

    @Option(names = "--lite-jvm-opts", description = "JVM options of broker-lite (default '${DEFAULT-VALUE}').")
    String liteJvmOpts = BrokerBenchmark.LITE_JVM_OPTS;

    @Option(names = "--kafka-jvm-opts", description = "JVM options of Kafka (default '${DEFAULT-VALUE}').")
    String kafkaJvmOpts = BrokerBenchmark.BROKER_JVM_OPTS;

    @Option(names = {"-o", "--output-dir"}, description = "Where the Markdown report goes (default ${DEFAULT-VALUE}).")
    Path outputDir = Path.of("benchmarks", "results");

    /** Figures of one broker. */
    record Result(String broker, long[] latenciesMicros, long missing, double achievedRate, List<Long> rebalanceMillis,
                  String error) {
        long percentile(double p) {
            if (latenciesMicros.length == 0) {
                return -1;
            }
            int index = (int) Math.min(latenciesMicros.length - 1, Math.ceil(p / 100.0 * latenciesMicros.length) - 1);
            return latenciesMicros[Math.max(index, 0)];
        }

        long rebalanceMedian() {
            if (rebalanceMillis.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(rebalanceMillis);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GroupBenchmark()).setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (recordSize < 8) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--record-size must be >= 8");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path logDir = Files.createDirectories(outputDir.resolve("group-logs-" + stamp));
        Path runDir = Files.createTempDirectory("tributary-group-bench-");
        String kafkaCp = Files.readString(kafkaClasspathFile).trim();
        String liteCp = Files.readString(liteClasspathFile).trim();
        say("Group benchmark: " + rate + " records/s x " + recordSize + " B for " + seconds + " s (after " + warmupSeconds
                + " s warm-up), " + partitions + " partitions, producer " + producerProps + ", " + rebalanceTrials
                + " rebalance trials; logs in " + logDir);
        Map<String, Result> results = new LinkedHashMap<>();
        try {
            for (String slot : brokers) {
                Brokers.Launcher launcher = switch (slot) {
                    case "broker-lite" -> new Brokers.BrokerLite(liteCp, "io.tributary.broker.BrokerMain", liteJvmOpts);
                    case "kafka" -> new Brokers.Kafka(kafkaCp, kafkaJvmOpts, BrokerBenchmark.TOOL_JVM_OPTS, "kafka");
                    default -> throw new IllegalArgumentException("unknown broker '" + slot + "' (broker-lite or kafka)");
                };
                results.put(slot, runBroker(slot, launcher, Files.createDirectories(runDir.resolve(slot)), logDir));
            }
        } finally {
            BrokerBenchmark.deleteRecursively(runDir);
        }
        String report = report(results);
        System.out.println(report);
        Path md = outputDir.resolve("group-benchmark-" + stamp + ".md");
        Files.writeString(md, report);
        say("report: " + md);
        return results.values().stream().allMatch(r -> r.error == null) ? 0 : 1;
    }

    private Result runBroker(String slot, Brokers.Launcher launcher, Path workDir, Path logDir) {
        say(slot + ": starting " + launcher.describe());
        Brokers.Running running = null;
        try {
            running = launcher.start(workDir, logDir, Duration.ofSeconds(120));
            Brokers.createTopics(running.bootstrap(), List.of("bench-latency", "bench-rebalance"), partitions, Duration.ofSeconds(60));
            say(slot + ": latency run");
            Result latency = latency(slot, running.bootstrap());
            say(slot + ": p50 " + latency.percentile(50) + " us, p99 " + latency.percentile(99) + " us; rebalance runs");
            List<Long> rebalances = rebalance(running.bootstrap());
            say(slot + ": rebalance after a leave: " + rebalances + " ms");
            return new Result(slot, latency.latenciesMicros, latency.missing, latency.achievedRate, rebalances, null);
        } catch (Exception e) {
            say(slot + ": FAILED: " + e);
            return new Result(slot, new long[0], 0, 0, List.of(), e.toString());
        } finally {
            if (running != null) {
                try {
                    running.daemon().stop(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ---- latency -------------------------------------------------------------------------------

    private Result latency(String slot, String bootstrap) throws Exception {
        int measured = rate * seconds;
        long[] samples = new long[measured];
        AtomicInteger count = new AtomicInteger();
        AtomicLong outOfWindow = new AtomicLong();
        AtomicReference<Exception> consumerFailure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Set<TopicPartition> assigned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final long[] window = new long[2];
        window[0] = Long.MAX_VALUE;
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, "latency-" + slot)) {
                consumer.subscribe(List.of("bench-latency"));
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        long sent = ByteBuffer.wrap(r.value()).getLong();
                        if (sent >= window[0]) {
                            int i = count.getAndIncrement();
                            if (i < samples.length) {
                                samples[i] = (now - sent) / 1_000;
                            }
                        } else {
                            outOfWindow.incrementAndGet();
                        }
                    }
                    assigned.addAll(consumer.assignment());
                }
            } catch (Exception e) {
                consumerFailure.set(e);
            }
        }, "latency-consumer");
        consumerThread.start();
        long joinDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (assigned.size() < partitions) {
            if (System.nanoTime() > joinDeadline || consumerFailure.get() != null) {
                stop.set(true);
                throw new IllegalStateException("the consumer did not get its partitions: " + consumerFailure.get());
            }
            Thread.sleep(20);
        }

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        for (String kv : producerProps) {
            String[] parts = kv.split("=", 2);
            p.put(parts[0], parts[1]);
        }
        long intervalNanos = 1_000_000_000L / rate;
        int warmup = rate * warmupSeconds;
        byte[] value = new byte[recordSize];
        long sendStart;
        long sendEnd;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            sendStart = System.nanoTime();
            for (int i = 0; i < warmup + measured; i++) {
                long due = sendStart + i * intervalNanos;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(Math.min(due - now, 200_000));
                }
                if (i == warmup) {
                    window[0] = now;
                }
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>("bench-latency", i % partitions, null, value.clone()));
            }
            sendEnd = System.nanoTime();
            producer.flush();
        }
        double achieved = measured / ((sendEnd - window[0]) / 1e9);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count.get() < measured && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        consumerThread.join(10_000);
        int got = Math.min(count.get(), measured);
        long[] latencies = Arrays.copyOf(samples, got);
        Arrays.sort(latencies);
        return new Result(slot, latencies, measured - got, achieved, List.of(), null);
    }

    // ---- rebalance -----------------------------------------------------------------------------

    /** A group member polling on its own thread, recording when its assignment last changed. */
    private final class Member implements AutoCloseable {
        final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
        final AtomicLong changedAt = new AtomicLong();
        private final Thread thread;
        private volatile boolean stop;

        Member(String bootstrap, String group, String name) {
            thread = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group)) {
                    consumer.subscribe(List.of("bench-rebalance"));
                    while (!stop) {
                        consumer.poll(Duration.ofMillis(20));
                        Set<TopicPartition> now = Set.copyOf(consumer.assignment());
                        if (!now.equals(assignment.get())) {
                            changedAt.set(System.nanoTime());
                            assignment.set(now);
                        }
                    }
                }
            }, "member-" + name);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(60_000);
        }
    }

    private List<Long> rebalance(String bootstrap) throws Exception {
        String group = "rebalance-group";
        List<Member> members = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add(new Member(bootstrap, group, "m" + i));
            }
            for (int trial = 0; trial < rebalanceTrials; trial++) {
                awaitOwnership(members, 60);
                Member leaving = members.remove(0);
                long t0 = System.nanoTime();
                leaving.close();
                awaitOwnership(members, 120);
                long t1 = members.stream().mapToLong(m -> m.changedAt.get()).max().orElseThrow();
                times.add((t1 - t0) / 1_000_000);
                members.add(new Member(bootstrap, group, "m" + (3 + trial)));
            }
        } finally {
            for (Member m : members) {
                m.close();
            }
        }
        return times;
    }

    /** Waits until the members' assignments are disjoint, cover every partition and each member has an equal share. */
    private void awaitOwnership(List<Member> members, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            Set<TopicPartition> union = new HashSet<>();
            int total = 0;
            boolean even = true;
            for (Member m : members) {
                Set<TopicPartition> a = m.assignment.get();
                union.addAll(a);
                total += a.size();
                even &= a.size() == partitions / members.size();
            }
            if (union.size() == partitions && total == partitions && even) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the group did not settle within " + timeoutSeconds + " s");
            }
            Thread.sleep(5);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        Properties p = new Properties();
        for (String kv : consumerProps) {
            String[] parts = kv.split("=", 2);
            p.put(parts[0], parts[1]);
        }
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    // ---- report --------------------------------------------------------------------------------

    private String report(Map<String, Result> results) {
        Result baseline = results.get("kafka");
        StringBuilder sb = new StringBuilder();
        sb.append("## Consumer-group benchmark\n\n");
        sb.append(rate).append(" records/s x ").append(recordSize).append(" B, ").append(partitions)
                .append(" partitions, producer ").append(producerProps).append(", consumer ")
                .append(consumerProps.isEmpty() ? "defaults" : consumerProps).append(", ").append(seconds)
                .append(" s measured; latency = consumer receive - producer send (same JVM, same clock). ")
                .append("Ratio columns: broker / Kafka (lower is better).\n\n");
        sb.append("| broker | achieved rate | p50 latency | p99 | p99.9 | max | missing | rebalance after a leave (median of ")
                .append(rebalanceTrials).append(") | trials (ms) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results.values()) {
            if (r.error != null) {
                sb.append("| ").append(r.broker).append(" | FAILED: ").append(r.error).append(" |||||||| |\n");
                continue;
            }
            sb.append("| ").append(r.broker)
                    .append(" | ").append(Fmt.num(r.achievedRate, 0)).append("/s")
                    .append(" | ").append(ms(r.percentile(50), baseline == null ? -1 : baseline.percentile(50)))
                    .append(" | ").append(ms(r.percentile(99), baseline == null ? -1 : baseline.percentile(99)))
                    .append(" | ").append(ms(r.percentile(99.9), baseline == null ? -1 : baseline.percentile(99.9)))
                    .append(" | ").append(ms(r.percentile(100), -1))
                    .append(" | ").append(r.missing)
                    .append(" | ").append(r.rebalanceMedian()).append(" ms")
                    .append(baseline != null && baseline != r && baseline.rebalanceMedian() > 0
                            ? " (" + Fmt.num((double) r.rebalanceMedian() / baseline.rebalanceMedian(), 2) + "x)" : "")
                    .append(" | ").append(r.rebalanceMillis).append(" |\n");
        }
        return sb.toString();
    }

    private static String ms(long micros, long baselineMicros) {
        String s = Fmt.num(micros / 1000.0, 2) + " ms";
        return baselineMicros > 0 ? s + " (" + Fmt.num((double) micros / baselineMicros, 2) + "x)" : s;
    }

    private static void say(String msg) {
        System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + msg);
        System.out.flush();
    }
}
