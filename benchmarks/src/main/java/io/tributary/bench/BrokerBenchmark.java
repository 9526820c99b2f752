package io.tributary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs broker-lite and Apache Kafka one after the other, each as a child JVM on loopback, drives both with Kafka's own
 * ProducerPerformance / ConsumerPerformance tools (plus a group-less assign() consumer) with identical settings, and
 * reports throughput, latency, launch-to-ready time, broker CPU per GiB and peak broker RSS with broker-lite/Kafka ratios.
 */
@Command(name = "broker-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmarks broker-lite against Apache Kafka (KRaft, single node) on loopback.")
public final class BrokerBenchmark implements Callable<Integer> {
    static final String LITE = "broker-lite";
    static final String KAFKA = "kafka";

    /** kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS. */
    static final String KAFKA_PERF_OPTS = "-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
            + "-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true";
    /** kafka-server-start.sh's KAFKA_HEAP_OPTS. */
    static final String BROKER_JVM_OPTS = "-Xmx1G -Xms1G " + KAFKA_PERF_OPTS;
    /** kafka-producer-perf-test.sh / kafka-consumer-perf-test.sh set KAFKA_HEAP_OPTS=-Xmx512M. */
    static final String TOOL_JVM_OPTS = "-Xmx512M " + KAFKA_PERF_OPTS;

    @Option(names = {"-n", "--records"}, description = "Records per produce run; the consumers read the acks=1 topic back (default ${DEFAULT-VALUE}).")
    long records = 10_000_000;

    @Option(names = "--warmup-records", description = "Untimed acks=1 produce + assign() consume of this many records on a "
            + "separate topic before the measured steps, to warm up the broker and the machine; 0 to skip (default ${DEFAULT-VALUE}).")
    long warmupRecords = 1_000_000;

    @Option(names = {"-s", "--record-size"}, description = "Record value size in bytes (default ${DEFAULT-VALUE}).")
    int recordSize = 100;

    @Option(names = {"-p", "--partitions"}, description = "Partitions of each benchmark topic (default ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(names = {"-o", "--output-dir"}, description = "Where the JSON and Markdown reports and the logs go (default ${DEFAULT-VALUE}).")
    Path outputDir = Path.of("benchmarks", "results");

    @Option(names = "--brokers", split = ",", description = "Which brokers to run, in order (default ${DEFAULT-VALUE}).")
    List<String> brokers = new ArrayList<>(List.of(LITE, KAFKA));

    @Option(names = "--consumer", description = "Consumer(s) to run: assign, group or both (default ${DEFAULT-VALUE}). "
            + "ConsumerPerformance always joins a consumer group; 'assign' is the group-less fallback.")
    String consumer = "both";

    @Option(names = "--acks1-props", description = "Producer properties of the first produce run (default '${DEFAULT-VALUE}').")
    String acks1Props = "acks=1 batch.size=1048576 linger.ms=5";

    @Option(names = "--acksall-props", description = "Producer properties of the second produce run (default '${DEFAULT-VALUE}').")
    String acksAllProps = "acks=all";

    @Option(names = "--kafka-classpath-file", description = "File holding the classpath of the Kafka broker and tools (default ${DEFAULT-VALUE}; else this JVM's classpath).")
    Path kafkaClasspathFile = Path.of("benchmarks", "target", "kafka.classpath");

    @Option(names = "--lite-classpath-file", description = "File holding broker-lite's runtime classpath (default ${DEFAULT-VALUE}; else this JVM's classpath).")
    Path liteClasspathFile = Path.of("benchmarks", "target", "broker-lite.classpath");

    @Option(names = "--lite-main", description = "broker-lite's main class (default ${DEFAULT-VALUE}).")
    String liteMain = "io.tributary.broker.BrokerMain";

    @Option(names = "--kafka-jvm-opts", description = "JVM options of the Kafka broker (default: kafka-server-start.sh's '${DEFAULT-VALUE}').")
    String kafkaJvmOpts = BROKER_JVM_OPTS;

    /** What {@code ./tributary broker} runs with (see that script): broker-lite keeps record data off the heap. */
    /** The launcher's class-data-sharing flags, when an archive trained on broker-lite's classpath exists. */
    private String cdsOpts() {
        if (liteCdsArchive == null || !Files.isRegularFile(liteCdsArchive)) {
            return "";
        }
        return " -XX:SharedArchiveFile=" + liteCdsArchive + " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off";
    }

    static final String LITE_JVM_OPTS = "-Xms32m -Xmx256m -XX:+UseSerialGC";

    @Option(names = "--lite-jvm-opts", description = "JVM options of broker-lite (default: those of `tributary broker`, '${DEFAULT-VALUE}').")
    String liteJvmOpts = LITE_JVM_OPTS;

    @Option(names = "--lite-cds-archive", description = "Class-data-sharing archive broker-lite starts with when the file exists, "
            + "as `tributary broker` does (run-broker-benchmark.sh trains it on the same classpath; default none).")
    Path liteCdsArchive;

    @Option(names = "--tool-jvm-opts", description = "JVM options of the producer/consumer tool JVMs (default '${DEFAULT-VALUE}').")
    String toolJvmOpts = TOOL_JVM_OPTS;

    @Option(names = "--ready-timeout", description = "Seconds a broker may take to become ready (default ${DEFAULT-VALUE}).")
    long readyTimeoutSeconds = 120;

    @Option(names = "--step-timeout", description = "Seconds one produce or consume run may take before it is killed (default ${DEFAULT-VALUE}).")
    long stepTimeoutSeconds = 300;

    @Option(names = "--group-timeout", description = "Seconds the ConsumerPerformance (consumer group) run may take (default ${DEFAULT-VALUE}).")
    long groupTimeoutSeconds = 120;

    @Option(names = "--stop-timeout", description = "Seconds between SIGTERM and SIGKILL when stopping a broker (default ${DEFAULT-VALUE}).")
    long stopTimeoutSeconds = 30;

    @Option(names = "--rss-interval-ms", description = "VmRSS sampling interval (default ${DEFAULT-VALUE}).")
    long rssIntervalMs = 200;

    @Option(names = "--work-dir", description = "Parent of the temporary broker data directories (default: java.io.tmpdir).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));

    /** Harness testing: put a second Apache Kafka in the broker-lite slot. */
    @Option(names = "--lite-as-kafka", hidden = true)
    boolean liteAsKafka;

    private Path logDir;
    private Path runDir;
    private String toolOpts;

    public static void main(String[] args) {
        // The script passes the classpath files first; a user option given after them wins.
        System.exit(new CommandLine(new BrokerBenchmark()).setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("assign", "group", "both").contains(consumer)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--consumer must be assign, group or both");
        }
        if (!ProcStats.available()) {
            System.err.println("warning: /proc is not readable: CPU and RSS figures will be missing (Linux only)");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(outputDir);
        logDir = Files.createDirectories(outputDir.resolve("logs-" + stamp));
        runDir = Files.createTempDirectory(Files.createDirectories(workDir), "tributary-bench-");
        Path toolLog4j = runDir.resolve("tools-log4j2.properties");
        Files.writeString(toolLog4j, String.join("\n", "status = warn", "appender.console.type = Console",
                "appender.console.name = STDERR", "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout", "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn", "rootLogger.appenderRef.stderr.ref = STDERR", ""));
        toolOpts = toolJvmOpts + " -Dlog4j2.configurationFile=" + toolLog4j;

        String kafkaCp = classpathFrom(kafkaClasspathFile);
        String liteCp = classpathFrom(liteClasspathFile);
        String kafkaVersion = Fmt.kafkaVersion();
        long started = System.nanoTime();

        say("Tributary broker benchmark: " + Fmt.num(records, 0) + " records x " + recordSize + " B per produce run, "
                + partitions + " partitions, consumer: " + consumer + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs; logs in " + logDir);

        Map<String, BrokerResult> results = new LinkedHashMap<>();
        try {
            for (String slot : brokers) {
                Brokers.Launcher launcher = switch (slot) {
                    case LITE -> liteAsKafka
                            ? new Brokers.Kafka(kafkaCp, liteJvmOpts, toolOpts, "broker-lite-slot-kafka")
                            : new Brokers.BrokerLite(liteCp, liteMain, liteJvmOpts + cdsOpts());
                    case KAFKA -> new Brokers.Kafka(kafkaCp, kafkaJvmOpts, toolOpts, "kafka");
                    default -> throw new IllegalArgumentException("unknown broker '" + slot + "' (broker-lite or kafka)");
                };
                results.put(slot, runBroker(slot, launcher, kafkaCp));
            }
        } finally {
            deleteRecursively(runDir);
        }

        String liteName = liteAsKafka ? "lite slot (Kafka stand-in)" : "broker-lite";
        String kafkaName = "Kafka " + kafkaVersion;
        List<Report.Row> rows = Report.rows(results.get(LITE), results.get(KAFKA));
        String table = Report.text(rows, liteName, kafkaName);
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        System.out.println();
        System.out.println(table);
        for (BrokerResult r : results.values()) {
            if (!r.ok) {
                System.out.println(r.slot + " FAILED: " + r.error);
            }
        }

        Map<String, Object> settings = settings(kafkaVersion);
        Path json = outputDir.resolve("broker-benchmark-" + stamp + ".json");
        Path md = outputDir.resolve("broker-benchmark-" + stamp + ".md");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generatedAt", ZonedDateTime.now().toString());
        doc.put("totalSeconds", totalSeconds);
        doc.put("settings", settings);
        doc.put("environment", environment());
        doc.put("table", Report.jsonRows(rows));
        Map<String, Object> brokerMaps = new LinkedHashMap<>();
        results.forEach((k, v) -> brokerMaps.put(k, v.toMap()));
        doc.put("brokers", brokerMaps);
        Files.writeString(json, Json.write(doc), StandardCharsets.UTF_8);
        Files.writeString(md, markdown(rows, liteName, kafkaName, results, settings, totalSeconds), StandardCharsets.UTF_8);
        Files.copy(json, outputDir.resolve("latest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(md, outputDir.resolve("latest.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        say("wrote " + json + " and " + md + " (also latest.json / latest.md) in " + Fmt.num(totalSeconds, 0) + " s");
        Path png = outputDir.resolve("broker-benchmark-" + stamp + ".png");
        if (RatioChart.tryWrite(json, png, BrokerBenchmark::say)) {
            Files.copy(png, outputDir.resolve("latest.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            say("wrote " + png + " (also latest.png)");
        }
        return results.values().stream().allMatch(r -> r.ok) ? 0 : 1;
    }

    private BrokerResult runBroker(String slot, Brokers.Launcher launcher, String kafkaCp) throws IOException {
        BrokerResult r = new BrokerResult(slot);
        r.description = launcher.describe();
        say("[" + slot + "] starting " + r.description);
        Path work = Files.createDirectories(runDir.resolve(slot));
        Brokers.Running rb = null;
        ProcStats.RssSampler sampler = null;
        try {
            rb = launcher.start(work, logDir, Duration.ofSeconds(readyTimeoutSeconds));
            long pid = rb.daemon().pid();
            r.readySeconds = rb.readySeconds();
            r.rssAfterReadyKiB = ProcStats.rssKiB(pid);
            say("[" + slot + "] ready on " + rb.bootstrap() + " after " + Fmt.num(r.readySeconds, 2) + " s (pid " + pid
                    + ", RSS " + Fmt.num(r.rssAfterReadyKiB / 1024.0, 0) + " MiB)");

            String topicAcks1 = "bench-acks1";
            String topicAcksAll = "bench-acksall";
            String topicWarmup = "bench-warmup";
            Brokers.createTopics(rb.bootstrap(), List.of(topicAcks1, topicAcksAll, topicWarmup), partitions,
                    Duration.ofSeconds(60));

            if (warmupRecords > 0) {
                // Untimed, not in the figures: JIT-compiles the broker's hot paths and settles the machine, so the
                // broker that runs first is not penalised (seen as 20-30 % on acks=1 in Kafka-vs-Kafka runs).
                runStep(r, rb, produceStep("warmup-produce", rb, topicWarmup, acks1Props, kafkaCp, warmupRecords), null);
                runStep(r, rb, assignConsumeStep("warmup-consume", rb, topicWarmup, warmupRecords), null);
            }

            sampler = new ProcStats.RssSampler(pid, rssIntervalMs);
            List<String> core = new ArrayList<>();
            runStep(r, rb, produceStep(BrokerResult.PRODUCE_ACKS1, rb, topicAcks1, acks1Props, kafkaCp, records), core);
            runStep(r, rb, produceStep(BrokerResult.PRODUCE_ACKSALL, rb, topicAcksAll, acksAllProps, kafkaCp, records), core);
            if (!consumer.equals("group")) {
                runStep(r, rb, assignConsumeStep(BrokerResult.CONSUME_ASSIGN, rb, topicAcks1, records), core);
            }
            if (!consumer.equals("assign")) {
                runStep(r, rb, groupConsumeStep(rb, topicAcks1, kafkaCp), consumer.equals("group") ? core : null);
            }
            sampler.close();
            r.peakRssKiB = sampler.peakKiB();
            r.rssSamples = sampler.samples();

            boolean coreOk = core.stream().allMatch(s -> r.step(s).ok);
            if (coreOk) {
                r.coreCpuSeconds = core.stream().mapToDouble(s -> r.step(s).brokerCpuSeconds).sum();
                r.corePayloadBytes = core.stream().mapToLong(s -> r.step(s).bytes).sum();
            }
            r.ok = coreOk;
            if (!coreOk) {
                r.error = "failed steps: " + String.join("; ", core.stream().filter(s -> !r.step(s).ok)
                        .map(s -> s + ": " + r.step(s).error).toList());
            }
        } catch (Exception e) {
            r.ok = false;
            r.error = e.getMessage() == null ? e.toString() : e.getMessage();
            say("[" + slot + "] FAILED: " + r.error);
        } finally {
            if (sampler != null) {
                sampler.close();
                r.peakRssKiB = Math.max(r.peakRssKiB, sampler.peakKiB());
            }
            if (rb != null) {
                try {
                    r.shutdown = rb.daemon().stop(Duration.ofSeconds(stopTimeoutSeconds));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    r.shutdown = "interrupted";
                }
                say("[" + slot + "] stopped: " + r.shutdown);
            }
            deleteRecursively(work);
        }
        return r;
    }

    /** One child-JVM run: its command, how long it may take and how its output is read. */
    private record Step(String name, String tool, List<String> cmd, Duration timeout, long expectedRecords,
                        long payloadBytesPerRecord,
                        java.util.function.BiFunction<String, StepResult, StepResult> parser) {}

    private Step produceStep(String name, Brokers.Running rb, String topic, String props, String kafkaCp, long n) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", rb.bootstrap(), "--topic", topic,
                "--num-records", Long.toString(n), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--command-property"));
        args.addAll(ChildJvm.splitOpts(props));
        return new Step(name, "org.apache.kafka.tools.ProducerPerformance (" + props + ")",
                ChildJvm.command(toolOpts, kafkaCp, "org.apache.kafka.tools.ProducerPerformance", args),
                Duration.ofSeconds(stepTimeoutSeconds), n, recordSize, PerfOutput::parseProducer);
    }

    private Step assignConsumeStep(String name, Brokers.Running rb, String topic, long n) {
        List<String> args = List.of("--bootstrap-server", rb.bootstrap(), "--topic", topic,
                "--num-records", Long.toString(n));
        return new Step(name, "io.tributary.bench.AssignConsumerPerformance (assign + seekToBeginning, no group)",
                ChildJvm.command(toolOpts, System.getProperty("java.class.path"), AssignConsumerPerformance.class.getName(), args),
                Duration.ofSeconds(stepTimeoutSeconds), n, -1, PerfOutput::parseAssignConsumer);
    }

    private Step groupConsumeStep(Brokers.Running rb, String topic, String kafkaCp) {
        List<String> args = List.of("--bootstrap-server", rb.bootstrap(), "--topic", topic,
                "--num-records", Long.toString(records), "--timeout", "10000");
        return new Step(BrokerResult.CONSUME_GROUP, "org.apache.kafka.tools.ConsumerPerformance (subscribe, consumer group)",
                ChildJvm.command(toolOpts, kafkaCp, "org.apache.kafka.tools.ConsumerPerformance", args),
                Duration.ofSeconds(groupTimeoutSeconds), records, -1, PerfOutput::parseConsumerPerformance);
    }

    private void runStep(BrokerResult r, Brokers.Running rb, Step step, List<String> core) throws Exception {
        StepResult st = new StepResult(step.name(), step.tool());
        r.steps.put(step.name(), st);
        if (core != null) {
            core.add(step.name());
        }
        long pid = rb.daemon().pid();
        say("[" + r.slot + "] " + step.name() + ": " + step.tool());
        double cpu0 = ProcStats.cpuSeconds(pid);
        ChildJvm.ToolRun run = ChildJvm.runTool(step.cmd(), rb.workDir(), logDir, r.slot + "." + step.name(), step.timeout());
        st.brokerCpuSeconds = ProcStats.cpuSeconds(pid) - cpu0;
        st.wallSeconds = run.wallSeconds();
        if (!rb.daemon().alive()) {
            st.error = "the broker exited during this step; log tail:\n" + rb.daemon().tail(20);
        } else if (!run.ok()) {
            st.error = run.describeFailure();
        } else {
            try {
                step.parser().apply(run.stdout(), st);
                if (step.payloadBytesPerRecord() > 0) {
                    st.bytes = st.records * step.payloadBytesPerRecord();
                }
                if (st.records < step.expectedRecords()) {
                    st.error = "only " + st.records + " of " + step.expectedRecords() + " records";
                } else {
                    st.ok = true;
                }
            } catch (RuntimeException e) {
                st.error = e.getMessage() + " (see " + run.stdoutFile().getFileName() + ")";
            }
        }
        if (st.ok) {
            say("[" + r.slot + "]   " + Fmt.num(st.recordsPerSec, 0) + " records/s, " + Fmt.num(st.mbPerSec, 2) + " MB/s"
                    + (Double.isNaN(st.avgLatencyMs) ? "" : ", avg " + Fmt.num(st.avgLatencyMs, 1) + " ms, p99 "
                    + Fmt.num(st.p99LatencyMs, 0) + " ms") + "; broker CPU " + Fmt.num(st.brokerCpuSeconds, 2) + " s");
        } else {
            say("[" + r.slot + "]   FAILED: " + st.error);
        }
    }

    private Map<String, Object> settings(String kafkaVersion) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("recordsPerProduceRun", records);
        s.put("warmupRecords", warmupRecords);
        s.put("recordSizeBytes", recordSize);
        s.put("partitions", partitions);
        s.put("replicationFactor", 1);
        s.put("consumer", consumer);
        s.put("acks1ProducerProps", acks1Props);
        s.put("acksAllProducerProps", acksAllProps);
        s.put("kafkaVersion", kafkaVersion);
        s.put("kafkaJvmOpts", kafkaJvmOpts);
        s.put("liteJvmOpts", liteJvmOpts);
        s.put("liteMain", liteMain);
        s.put("liteCdsArchive", cdsOpts().isEmpty() ? "none" : liteCdsArchive.toString());
        s.put("liteSlotIsKafkaStandIn", liteAsKafka);
        s.put("toolJvmOpts", toolJvmOpts);
        s.put("logDir", logDir.toString());
        return s;
    }

    private static Map<String, Object> environment() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        e.put("javaVersion", System.getProperty("java.version"));
        e.put("javaVm", System.getProperty("java.vm.name"));
        e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        e.put("clockTicksPerSecond", ProcStats.CLK_TCK);
        return e;
    }

    private String markdown(List<Report.Row> rows, String liteName, String kafkaName, Map<String, BrokerResult> results,
                            Map<String, Object> settings, double totalSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# broker-lite vs Apache Kafka benchmark\n\n");
        sb.append("Run at ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append("; took ").append(Fmt.num(totalSeconds, 0)).append(" s.\n\n");
        sb.append(Report.markdownTable(rows, liteName, kafkaName)).append('\n');
        sb.append("Ratios are ").append(liteName).append(" / ").append(kafkaName)
                .append("; the Better column says which direction is good for that figure. ")
                .append("MB = 2^20 bytes of record payload (as Kafka's tools count it). Broker CPU covers both produce runs and ")
                .append(consumer.equals("group") ? "the ConsumerPerformance run" : "the assign() consumer run").append(".\n\n");
        sb.append("## Settings\n\n");
        settings.forEach((k, v) -> sb.append("- ").append(k).append(": `").append(v).append("`\n"));
        for (BrokerResult r : results.values()) {
            sb.append("\n## ").append(r.slot).append("\n\n");
            sb.append("- broker: ").append(r.description).append('\n');
            sb.append("- status: ").append(r.ok ? "ok" : "FAILED: " + r.error.replace("\n", " / ")).append('\n');
            sb.append("- shutdown: ").append(r.shutdown).append('\n');
            for (StepResult s : r.steps.values()) {
                sb.append("- ").append(s.name).append(" — ").append(s.tool).append(": ")
                        .append(s.ok ? "`" + s.summaryLine + "`" : "FAILED: " + String.valueOf(s.error).replace("\n", " / "))
                        .append(" (broker CPU ").append(Fmt.num(s.brokerCpuSeconds, 2)).append(" s)\n");
            }
        }
        return sb.toString();
    }

    private static String classpathFrom(Path file) throws IOException {
        if (file != null && Files.isRegularFile(file)) {
            return Files.readString(file).trim();
        }
        return System.getProperty("java.class.path");
    }

    private static void say(String msg) {
        System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + msg);
        System.out.flush();
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("warning: could not delete " + root + ": " + e.getMessage());
        }
    }
}
