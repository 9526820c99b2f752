package io.tributary.bench.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The agent benchmark: broker-lite and the agent as child processes on this machine, a
 * 1,000,000-line access log tailed by file-tail, and the time until every line is in the
 * broker, against a baseline measured in the same run: a plain KafkaProducer reading the same
 * file ({@link FileProducer}, same producer settings, raw lines instead of event JSON) and, if
 * installed, {@code kcat -P -l}. Then the agent's footprint when idle. Run on purpose
 * ({@code benchmarks/run-agent-benchmark.sh}), never in the test phase.
 */
@Command(name = "agent-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tails a generated access log with the agent and measures throughput and footprint.")
public final class AgentBenchmark implements Callable<Integer> {
    static final String LAUNCHER_BROKER_OPTS = "-Xms32m -Xmx256m -XX:+UseSerialGC";

    @Option(names = {"-n", "--lines"}, description = "Lines in the access log (default ${DEFAULT-VALUE}).")
    int lines = 1_000_000;

    @Option(names = "--agent-opts", split = "\\|", description = "Agent JVM option sets to compare, separated by '|' "
            + "(default: the launcher's agent flags (--launcher-opts), and " + FULL_JIT_OPTS + ", the full JIT).")
    List<String> agentOpts;

    static final String FULL_JIT_OPTS = "-Xms16m -Xmx64m -XX:+UseSerialGC -Xss256k";

    @Option(names = "--launcher-opts", description = "The agent's JVM options in the launcher "
            + "(packaging/src/dist/bin/java-opts.sh; run-agent-benchmark.sh passes them from there). With --cds the agent "
            + "is also measured as the launcher starts it: these options, MALLOC_ARENA_MAX=2 and an AppCDS archive from "
            + "the launcher's training run (default ${DEFAULT-VALUE}).")
    String launcherOpts = "-Xms16m -Xmx64m -XX:NewRatio=1 -XX:NewSize=5440k -XX:SurvivorRatio=4 -XX:+UseParallelGC "
            + "-XX:ParallelGCThreads=1 -XX:GCTimeRatio=19 -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m -XX:Tier3InvocationThreshold=2000 "
            + "-XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000";

    /** What the launcher exports for the agent role (tributary_java_env). */
    static final Map<String, String> LAUNCHER_AGENT_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    @Option(names = "--baseline-opts", description = "JVM options of the KafkaProducer baseline (default ${DEFAULT-VALUE}).")
    String baselineOpts = "-Xms16m -Xmx128m -XX:+UseSerialGC";

    @Option(names = "--broker-opts", description = "broker-lite JVM options (default: the launcher's broker role, ${DEFAULT-VALUE}).")
    String brokerOpts = LAUNCHER_BROKER_OPTS;

    @Option(names = "--idle-seconds", description = "Length of each idle measurement (default ${DEFAULT-VALUE}).")
    int idleSeconds = 30;

    @Option(names = "--host-metrics", description = "Add a host-metrics source (interval 10s) to the idle measurement.")
    boolean hostMetrics;

    @Option(names = "--no-cds", negatable = true, description = "Also measure the ingest as the launcher runs the agent "
            + "(launcher flags, MALLOC_ARENA_MAX=2, AppCDS archive from the launcher's training run), and each idle agent "
            + "with an AppCDS archive made by a training run (default: on).")
    boolean cds = true;

    @Option(names = "--agent-classpath-file", required = true, description = "File holding the agent's class path.")
    Path agentClasspathFile;

    @Option(names = "--alt-agent-classpath-file", description = "A second agent class path (e.g. a build of an earlier "
            + "commit, made by run-agent-benchmark.sh --alt-commit): the 'running agent, file appears' row is also run "
            + "with it, alternated with the current one, for an A/B in one run.")
    Path altAgentClasspathFile;

    @Option(names = "--alt-launcher-opts", description = "Agent JVM options for an alternative 'running agent, file "
            + "appears' row, alternated with the launcher's (with --alt-agent-classpath-file: that class path's row uses "
            + "them), e.g. to A/B a change of the launcher's agent flags in one run.")
    String altLauncherOpts;

    @Option(names = "--agent-yaml", description = "YAML appended to the agent config of the 'running agent, file "
            + "appears' row (not of its alternative), as --alt-agent-yaml.")
    String agentYaml;

    @Option(names = "--alt-agent-yaml", description = "YAML appended to the agent config of the alternative 'running "
            + "agent, file appears' row (top-level sections, e.g. \"pipeline: {max-events: 10000}\"; a line "
            + "\"output: {batch-size: 1MiB}\" is merged into the output section), to A/B a setting.")
    String altAgentYaml;

    @Option(names = "--appear-rounds", description = "Runs of the 'running agent, file appears' row per agent class path, "
            + "alternated (default ${DEFAULT-VALUE}).")
    int appearRounds = 1;

    @Option(names = "--appear-only", description = "Only the KafkaProducer baseline and the 'running agent, file appears' "
            + "rows (a quick A/B; no other agent rows, no file-tail alone, no idle section).")
    boolean appearOnly;

    @Option(names = "--idle-only", description = "Only the KafkaProducer baseline and the idle section (fresh agents "
            + "with each --agent-opts set): to check a flag change for idle RSS and CPU.")
    boolean idleOnly;

    @Option(names = "--appear-extra-opts", description = "JVM options added to the agent of the 'file appears' row "
            + "(e.g. -XX:StartFlightRecording=filename=x.jfr,settings=profile); empty by default.")
    String appearExtraOpts = "";

    @Option(names = "--broker-classpath-file", required = true, description = "File holding broker-lite's class path.")
    Path brokerClasspathFile;

    @Option(names = "--work-dir", description = "Scratch directory (default ${DEFAULT-VALUE}).")
    Path workDir = Path.of("benchmarks/target/agent-bench");

    @Option(names = "--results-dir", description = "Where the report goes (default ${DEFAULT-VALUE}).")
    Path resultsDir = Path.of("benchmarks/results");

    private String loadBefore = "?";
    private String loadAfter = "?";

    /** The JVM option pointing the children's Logback at the benchmark's config. */
    private String logOpt = "";

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentBenchmark()).execute(args));
    }

    /** One ingest of the whole file by one producer. */
    record Ingest(String name, String jvmOpts, double firstEventSeconds, double allSeconds, double cpuSeconds,
                  double peakRssMiB, double brokerCpuSeconds, double idleRssMiB, double idleCpuPercent) {
        double linesPerSecond(int lines) {
            return lines / allSeconds;
        }

        /** The rate once running: lines over the time from the first event in the broker to the last, start-up left out. */
        double steadyLinesPerSecond(int lines) {
            return lines / (allSeconds - firstEventSeconds);
        }
    }

    /**
     * The agent already running (as launched) when the file appears: {@code firstSeconds} and {@code allSeconds} are
     * from the rename into the watched directory (the first includes file-tail's discovery: its scan interval),
     * {@code cpuSeconds} the agent's CPU over that time, {@code readyRssMiB} its RSS when idle before.
     */
    record Appear(String name, String jvmOpts, double firstSeconds, double allSeconds, double cpuSeconds,
                  double peakRssMiB, double readyRssMiB, double brokerCpuSeconds, double idleRssMiB,
                  double idleCpuPercent) {
        double linesPerSecond(int lines) {
            return lines / allSeconds;
        }

        double steadyLinesPerSecond(int lines) {
            return lines / (allSeconds - firstSeconds);
        }
    }

    /** The file-tail source alone in a JVM, events dropped by a counting emitter. */
    record SourceAlone(String jvmOpts, double seconds, double cpuSeconds) {
    }

    /** A fresh agent with a small file (and host metrics): what it costs doing nothing. */
    record Idle(String jvmOpts, double firstEventSeconds, double rssMiB, double peakRssMiB, double cpuPercent) {
    }

    @Override
    public Integer call() throws Exception {
        if (agentOpts == null) {
            agentOpts = List.of(launcherOpts, FULL_JIT_OPTS);
        }
        String agentCp = Files.readString(agentClasspathFile).trim();
        String brokerCp = Files.readString(brokerClasspathFile).trim();
        String benchCp = System.getProperty("java.class.path");
        Path run = Files.createDirectories(workDir.toAbsolutePath().resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        loadBefore = loadAverage();
        Path file = run.resolve("access.log");
        long bytes = AccessLog.write(file, lines, 42);
        System.out.printf("wrote %,d lines, %,d bytes (%.0f B/line) to %s%n", lines, bytes, bytes / (double) lines, file);

        // Children log at INFO (Kafka and Netty at WARN), as the launcher configures them; Logback's
        // built-in default would be DEBUG for everything.
        Path logback = Files.writeString(run.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <logger name="io.netty" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        logOpt = "-Dlogback.configurationFile=" + logback;
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        Child broker = Child.start(Child.java(brokerOpts + " " + logOpt, brokerCp, "io.tributary.broker.BrokerMain",
                "--listen", bootstrap, "--data-dir", Files.createDirectories(run.resolve("broker")).toString()),
                run.resolve("broker.log"));
        List<Ingest> ingests = new ArrayList<>();
        List<Idle> idles = new ArrayList<>();
        List<SourceAlone> alone = new ArrayList<>();
        List<Appear> appears = new ArrayList<>();
        try (EndOffsets offsets = startWatching(broker, bootstrap)) {
            // Warm the broker (and the page cache for the file) so the first measured run is not penalized.
            ingest(offsets, broker, bootstrap, "warm-up", baselineOpts, "warm-up", Child.java(baselineOpts, benchCp,
                    FileProducer.class.getName(), bootstrap, "warm-up", file.toString()), Map.of(), run, 0);
            ingests.add(ingest(offsets, broker, bootstrap, "KafkaProducer baseline", baselineOpts, "baseline-java",
                    Child.java(baselineOpts, benchCp, FileProducer.class.getName(), bootstrap, "baseline-java", file.toString()),
                    Map.of(), run, 0));
            if (kcatAvailable()) {
                // Wrapped in a shell that stays after kcat exits, so kcat's CPU time can be read (the shell's
                // children's time); its peak RSS cannot.
                String kcat = String.join(" ", "kcat", "-P", "-b", bootstrap, "-t", "baseline-kcat", "-X", "acks=all",
                        "-X", "enable.idempotence=true", "-X", "compression.codec=lz4", "-X", "linger.ms=20",
                        "-X", "batch.size=262144", "-k", "bench-host", "-l", "'" + file + "'");
                ingests.add(ingest(offsets, broker, bootstrap, "kcat -P -l baseline", "(native, librdkafka)", "baseline-kcat",
                        List.of("bash", "-c", kcat + "; exec sleep 3600"), Map.of(), run, 0));
            }
            // The agent as launched, running and idle when a 1 M-line file is moved into the directory it watches.
            Path launcherArchive = cds && !idleOnly ? trainLauncherArchive(agentCp, launcherOpts, run, "cds-launcher") : null;
            boolean alt = altAgentClasspathFile != null || altLauncherOpts != null || altAgentYaml != null;
            String altCp = altAgentClasspathFile == null ? agentCp : Files.readString(altAgentClasspathFile).trim();
            String altOpts = altLauncherOpts == null ? launcherOpts : altLauncherOpts;
            Path altArchive = alt && cds && !idleOnly ? trainLauncherArchive(altCp, altOpts, run, "cds-launcher-alt") : null;
            String altName = "running agent, file appears (alt" + (altAgentClasspathFile != null ? " class path" : "")
                    + (altLauncherOpts != null ? " flags" : "") + (altAgentYaml != null ? " config" : "") + ")";
            for (int round = 0; !idleOnly && round < appearRounds; round++) {
                appears.add(appear(offsets, broker, bootstrap, "running agent, file appears", agentCp, launcherOpts,
                        launcherArchive, file, run, "appear-" + round, agentYaml));
                if (alt) {
                    appears.add(appear(offsets, broker, bootstrap, altName, altCp, altOpts, altArchive, file, run,
                            "appear-alt-" + round, altAgentYaml));
                }
            }
            for (int i = 0; !appearOnly && !idleOnly && i < agentOpts.size(); i++) {
                String opts = agentOpts.get(i);
                String topic = "agent-" + i;
                Path config = writeAgentConfig(run.resolve("agent-" + i), bootstrap, topic, file.toString(), false);
                ingests.add(ingest(offsets, broker, bootstrap, "agent file-tail", opts, topic,
                        Child.java(opts + " " + logOpt, agentCp, "io.tributary.agent.AgentMain", "--config",
                                config.toString()), Map.of(), run, idleSeconds));
            }
            if (cds && !appearOnly && !idleOnly) {
                // As `./tributary agent` starts it: the launcher's flags and environment, and the AppCDS archive
                // its training run records after each build.
                Path config = writeAgentConfig(run.resolve("agent-launcher"), bootstrap, "agent-launcher", file.toString(), false);
                ingests.add(ingest(offsets, broker, bootstrap, "agent file-tail, as launched",
                        launcherOpts + " + AppCDS archive, MALLOC_ARENA_MAX=2", "agent-launcher",
                        Child.java(launcherOpts + " " + cdsOpts(launcherArchive) + " " + logOpt, agentCp,
                                "io.tributary.agent.AgentMain", "--config", config.toString()),
                        LAUNCHER_AGENT_ENV, run, idleSeconds));
            }
            String benchClasses = benchCp.split(java.io.File.pathSeparator)[0];
            for (int i = 0; !appearOnly && !idleOnly && i < agentOpts.size(); i++) {
                alone.add(sourceAlone(agentOpts.get(i), benchClasses + java.io.File.pathSeparator + agentCp, file, run, i));
            }
            for (int i = 0; !appearOnly && i < agentOpts.size(); i++) {
                idles.add(idle(offsets, bootstrap, agentOpts.get(i), null, agentCp, run, "idle-" + i));
                if (cds) {
                    Path archive = trainArchive(offsets, bootstrap, agentOpts.get(i), agentCp, run, "cds-train-" + i);
                    idles.add(idle(offsets, bootstrap, agentOpts.get(i), archive, agentCp, run, "idle-cds-" + i));
                }
            }
        } finally {
            broker.stop();
        }
        loadAfter = loadAverage();
        String report = report(bytes, ingests, appears, alone, idles);
        System.out.println(report);
        Files.createDirectories(resultsDir);
        String stamp = run.getFileName().toString();
        Files.writeString(resultsDir.resolve("agent-benchmark-" + stamp + ".md"), report);
        Files.writeString(resultsDir.resolve("agent-latest.md"), report);
        System.out.println("report: " + resultsDir.resolve("agent-benchmark-" + stamp + ".md"));
        return 0;
    }

    private EndOffsets startWatching(Child broker, String bootstrap) throws Exception {
        broker.awaitLogLine(Pattern.compile("listening on \\S*" + Pattern.quote(bootstrap) + "(?!\\d)"), 60_000);
        EndOffsets offsets = new EndOffsets(bootstrap);
        System.out.println("broker-lite ready on " + bootstrap);
        return offsets;
    }

    private Ingest ingest(EndOffsets offsets, Child broker, String bootstrap, String name, String opts, String topic,
                          List<String> cmd, Map<String, String> env, Path run, int idleSecs) throws Exception {
        EndOffsets.createTopic(bootstrap, topic);
        double brokerCpu0 = Proc.cpuSeconds(broker.pid());
        Child c = Child.start(cmd, run.resolve(topic + ".log"), env);
        try {
            long first = offsets.awaitRecords(topic, 1, 5, 120_000, c);
            long all = offsets.awaitRecords(topic, lines, 20, 600_000, c);
            if (cmd.get(0).equals("bash")) {
                awaitWrappedToolExit(c.pid()); // its CPU time is the shell's children's time once reaped
            }
            double cpu = Proc.cpuSeconds(c.pid());
            double peak = Proc.peakRssMiB(c.pid());
            double brokerCpu = Proc.cpuSeconds(broker.pid()) - brokerCpu0;
            double idleRss = Double.NaN;
            double idleCpu = Double.NaN;
            if (idleSecs > 0 && c.process.isAlive()) {
                Thread.sleep(2_000); // let the last checkpoint and GC settle
                double cpu0 = Proc.cpuSeconds(c.pid());
                long t0 = System.nanoTime();
                Thread.sleep(idleSecs * 1000L);
                idleCpu = 100 * (Proc.cpuSeconds(c.pid()) - cpu0) / ((System.nanoTime() - t0) / 1e9);
                idleRss = Proc.rssMiB(c.pid());
            }
            Ingest r = new Ingest(name, opts, (first - c.startNanos) / 1e9, (all - c.startNanos) / 1e9, cpu, peak,
                    brokerCpu, idleRss, idleCpu);
            if (!"warm-up".equals(name)) {
                System.out.printf(Locale.ROOT, "%-24s %-60s %6.2f s  %,9.0f lines/s  steady %,9.0f lines/s  cpu %.2f s  "
                        + "peak RSS %.0f MiB%n", name, opts, r.allSeconds(), r.linesPerSecond(lines),
                        r.steadyLinesPerSecond(lines), r.cpuSeconds(), r.peakRssMiB());
            }
            return r;
        } finally {
            if (c.process.isAlive()) {
                c.stop();
            } else {
                c.await(1_000);
            }
        }
    }

    /**
     * What a user's host does: the agent runs (as launched: launcher flags, MALLOC_ARENA_MAX=2, the launcher's AppCDS
     * archive unless --no-cds) on a glob whose directory holds no file yet, with host-metrics if present; once it is
     * ready (first host-metrics record, or its "agent running" line without host-metrics) and idle (CPU below a tick
     * per 500 ms, polled), the 1 M-line file is renamed into the directory (a hard link of the prepared file, so no
     * bytes are written meanwhile) and the time runs from the rename to the last line in the broker. File-tail only
     * sees the file at its next scan (scan-interval, default 1 s): that is in the time, as it is for a user.
     */
    private Appear appear(EndOffsets offsets, Child broker, String bootstrap, String name, String agentCp, String opts,
                          Path archive, Path file, Path run, String topic, String extraYaml) throws Exception {
        Path dir = Files.createDirectories(run.resolve(topic));
        Path watched = Files.createDirectories(dir.resolve("logs"));
        Path staged = dir.resolve("access.log.staged");
        Files.createLink(staged, file);
        EndOffsets.createTopic(bootstrap, topic);
        String metricsTopic = topic + "-metrics";
        if (hostMetrics) {
            EndOffsets.createTopic(bootstrap, metricsTopic);
        }
        Path config = writeAgentConfig(dir, bootstrap, topic, watched.resolve("*.log").toString(), hostMetrics);
        if (extraYaml != null) {
            Files.writeString(config, withExtraYaml(Files.readString(config), extraYaml));
        }
        String jvm = opts + (archive == null ? "" : " " + cdsOpts(archive))
                + (appearExtraOpts.isBlank() ? "" : " " + appearExtraOpts) + " " + logOpt;
        Child c = Child.start(Child.java(jvm, agentCp, "io.tributary.agent.AgentMain", "--config", config.toString()),
                run.resolve(topic + ".log"), LAUNCHER_AGENT_ENV);
        try {
            c.awaitLogLine(Pattern.compile("agent running"), 60_000);
            if (hostMetrics) {
                offsets.awaitRecords(metricsTopic, 1, 20, 60_000, c);
            }
            awaitIdle(c, 15_000);
            double readyRss = Proc.rssMiB(c.pid());
            double cpu0 = Proc.cpuSeconds(c.pid());
            double brokerCpu0 = Proc.cpuSeconds(broker.pid());
            long t0 = System.nanoTime();
            Files.move(staged, watched.resolve("access.log"), StandardCopyOption.ATOMIC_MOVE);
            long first = offsets.awaitRecords(topic, 1, 5, 120_000, c);
            long all = offsets.awaitRecords(topic, lines, 20, 600_000, c);
            double cpu = Proc.cpuSeconds(c.pid()) - cpu0;
            double peak = Proc.peakRssMiB(c.pid());
            double brokerCpu = Proc.cpuSeconds(broker.pid()) - brokerCpu0;
            // After the burst, as the ingest rows: RSS and CPU over --idle-seconds once checkpoint and GC settled.
            Thread.sleep(2_000);
            double idleCpu0 = Proc.cpuSeconds(c.pid());
            long i0 = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            double idleCpu = 100 * (Proc.cpuSeconds(c.pid()) - idleCpu0) / ((System.nanoTime() - i0) / 1e9);
            Appear r = new Appear(name, opts + (archive == null ? "" : " + AppCDS archive") + ", MALLOC_ARENA_MAX=2",
                    (first - t0) / 1e9, (all - t0) / 1e9, cpu, peak, readyRss, brokerCpu, Proc.rssMiB(c.pid()), idleCpu);
            System.out.printf(Locale.ROOT, "%-44s rename to first %.2f s, to all %.2f s  %,9.0f lines/s  steady %,9.0f "
                            + "lines/s  cpu %.2f s  peak RSS %.0f MiB (%.0f MiB when ready)%n", name, r.firstSeconds(),
                    r.allSeconds(), r.linesPerSecond(lines), r.steadyLinesPerSecond(lines), r.cpuSeconds(),
                    r.peakRssMiB(), r.readyRssMiB());
            return r;
        } finally {
            c.stop();
        }
    }

    /** Polls until the process used at most one clock tick of CPU over 500 ms (it is done starting up). */
    private static void awaitIdle(Child c, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        double before = Proc.cpuSeconds(c.pid());
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            double now = Proc.cpuSeconds(c.pid());
            if (now - before <= 0.0101) {
                return;
            }
            before = now;
        }
    }

    private SourceAlone sourceAlone(String opts, String classpath, Path file, Path run, int i) throws Exception {
        Child c = Child.start(Child.java(opts + " " + logOpt, classpath, SourceOnly.class.getName(), file.toString(),
                Integer.toString(lines)), run.resolve("source-only-" + i + ".log"));
        if (c.await(600_000) != 0) {
            throw new IllegalStateException("SourceOnly failed:\n" + c.tail());
        }
        String line = Files.readAllLines(c.log).stream().filter(l -> l.startsWith("source-only ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("SourceOnly printed no result:\n" + c.tail()));
        String[] f = line.split(" ");
        SourceAlone r = new SourceAlone(opts, Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        System.out.printf(Locale.ROOT, "file-tail alone %-60s %6.2f s  %,9.0f lines/s%n", opts, r.seconds(),
                lines / r.seconds());
        return r;
    }

    /**
     * A fresh agent on a 10-line file (plus host metrics) measured for {@code idleSeconds} once it has caught up;
     * {@code archive} non-null: the same with that AppCDS archive mapped.
     */
    private Idle idle(EndOffsets offsets, String bootstrap, String opts, Path archive, String agentCp, Path run,
                      String name) throws Exception {
        String jvm = archive == null ? opts : opts + " " + cdsOpts(archive);
        Child c = startSmallAgent(bootstrap, jvm, agentCp, run, name);
        try {
            long first = offsets.awaitRecords(name, 1, 5, 60_000, c);
            offsets.awaitRecords(name, 10, 20, 60_000, c);
            Thread.sleep(2_000);
            double cpu0 = Proc.cpuSeconds(c.pid());
            long t0 = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            double cpu = 100 * (Proc.cpuSeconds(c.pid()) - cpu0) / ((System.nanoTime() - t0) / 1e9);
            String label = archive == null ? opts : opts + " + AppCDS archive";
            Idle r = new Idle(label, (first - c.startNanos) / 1e9, Proc.rssMiB(c.pid()), Proc.peakRssMiB(c.pid()), cpu);
            System.out.printf(Locale.ROOT, "idle %-60s first event %.2f s  RSS %.0f MiB  CPU %.2f %%%n", label,
                    r.firstEventSeconds(), r.rssMiB(), r.cpuPercent());
            return r;
        } finally {
            c.stop();
        }
    }

    /** A training run that records the classes the agent loads into an AppCDS archive (written at exit), as the launcher does for the broker. */
    private Path trainArchive(EndOffsets offsets, String bootstrap, String opts, String agentCp, Path run, String name)
            throws Exception {
        Path archive = run.resolve(name + ".jsa");
        Child c = startSmallAgent(bootstrap, opts + " -XX:ArchiveClassesAtExit=" + archive
                + " -Xlog:cds=off -Xlog:cds+dynamic=off", agentCp, run, name);
        try {
            offsets.awaitRecords(name, 10, 20, 60_000, c);
            Thread.sleep(2_000);
        } finally {
            c.stop();
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no archive written by the training run:\n" + c.tail());
        }
        return archive;
    }

    private static String cdsOpts(Path archive) {
        return "-XX:SharedArchiveFile=" + archive + " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off";
    }

    /**
     * The launcher's training run for the agent role (the repository's ./tributary script, after each build): the
     * launcher's flags, a scratch 5-line access log and host-metrics against a broker that is not there
     * (127.0.0.1:9), {@code --exit-when-ready}, the classes it loaded written to an AppCDS archive at exit.
     */
    private Path trainLauncherArchive(String agentCp, String opts, Path run, String name) throws Exception {
        Path dir = Files.createDirectories(run.resolve(name));
        Path archive = dir.resolve("agent.jsa");
        Files.writeString(dir.resolve("train.log"),
                "127.0.0.1 - - [01/Dec/2026:18:00:00 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" \"curl/8.0\"\n".repeat(5));
        String yaml = """
                agent: { host: cds-training, data-dir: "%s" }
                output: { bootstrap.servers: "127.0.0.1:9" }
                sources:
                  - { type: file-tail, topic: logs, paths: ["%s"], start-at: beginning }
                %s""".formatted(dir.resolve("data"), dir.resolve("*.log"),
                hostMetrics ? "  - { type: host-metrics, topic: metrics, interval: 1s }\n" : "");
        Path config = Files.writeString(dir.resolve("agent.yaml"), yaml);
        Child c = Child.start(Child.java(opts + " -XX:ArchiveClassesAtExit=" + archive
                + " -Xlog:cds=off -Xlog:cds+dynamic=off " + logOpt, agentCp, "io.tributary.agent.AgentMain", "--config",
                config.toString(), "--exit-when-ready"), run.resolve(name + ".log"), LAUNCHER_AGENT_ENV);
        int code = c.await(120_000);
        if (code != 0 || !Files.exists(archive)) {
            throw new IllegalStateException("the launcher's training run wrote no archive (exit " + code + "):\n" + c.tail());
        }
        return archive;
    }

    private Child startSmallAgent(String bootstrap, String jvm, String agentCp, Path run, String name) throws Exception {
        Path dir = Files.createDirectories(run.resolve(name));
        Path small = dir.resolve("small.log");
        Files.writeString(small, "2026-12-01 12:00:00 INFO started\n".repeat(10));
        EndOffsets.createTopic(bootstrap, name);
        if (hostMetrics) {
            EndOffsets.createTopic(bootstrap, name + "-metrics");
        }
        Path config = writeAgentConfig(dir, bootstrap, name, small.toString(), hostMetrics);
        return Child.start(Child.java(jvm + " " + logOpt, agentCp, "io.tributary.agent.AgentMain", "--config",
                config.toString()), run.resolve(name + ".log"));
    }

    private static final java.util.regex.Pattern OUTPUT_LINE = java.util.regex.Pattern.compile("^output:\\s*\\{(.*)}\\s*$");

    /**
     * The config with the extra YAML appended; a line {@code output: {k: v, ...}} in it is merged into the
     * config's own output section instead (a second top-level {@code output} key would be refused).
     */
    static String withExtraYaml(String config, String extraYaml) {
        StringBuilder rest = new StringBuilder();
        for (String line : extraYaml.split("\n")) {
            java.util.regex.Matcher m = OUTPUT_LINE.matcher(line);
            if (m.matches()) {
                StringBuilder keys = new StringBuilder();
                for (String entry : m.group(1).split(",")) {
                    keys.append("\n  ").append(entry.trim());
                }
                config = config.replaceFirst("(?m)^(  bootstrap\\.servers: .*)$", "$1" + java.util.regex.Matcher.quoteReplacement(keys.toString()));
            } else {
                rest.append(line).append('\n');
            }
        }
        return config + rest;
    }

    private Path writeAgentConfig(Path dir, String bootstrap, String topic, String file, boolean withMetrics)
            throws Exception {
        Files.createDirectories(dir);
        String metrics = withMetrics ? """
                  - type: host-metrics
                    topic: %s
                    interval: 10s
                """.formatted(topic + "-metrics") : "";
        String yaml = """
                agent:
                  host: bench-host
                  data-dir: %s
                output:
                  bootstrap.servers: %s
                sources:
                  - type: file-tail
                    id: access
                    topic: %s
                    paths: ['%s']
                %s""".formatted(dir.resolve("data"), bootstrap, topic, file, metrics);
        return Files.writeString(dir.resolve("agent.yaml"), yaml);
    }

    /** Waits until a {@code bash -c 'tool; exec sleep'} wrapper has reaped the tool and become {@code sleep}. */
    private static void awaitWrappedToolExit(long pid) throws InterruptedException {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        for (int i = 0; i < 3000; i++) {
            try {
                if (Files.readString(comm).trim().equals("sleep")) {
                    return;
                }
            } catch (java.io.IOException e) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** The 1, 5 and 15 minute load averages: anything else running skews every figure. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static boolean kcatAvailable() {
        try {
            Process p = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String report(long bytes, List<Ingest> ingests, List<Appear> appears, List<SourceAlone> alone,
                          List<Idle> idles) {
        Ingest javaBaseline = ingests.stream().filter(r -> r.name().startsWith("KafkaProducer")).findFirst().orElseThrow();
        double mb = bytes / 1e6;
        StringBuilder b = new StringBuilder();
        b.append("# Agent benchmark (file-tail → broker-lite)\n\n");
        b.append(String.format(Locale.ROOT, "%,d access-log lines, %.1f MB (%.0f B/line), broker-lite and producer as "
                + "child processes on %d cores, broker JVM `%s`. Times are from process start to the moment the "
                + "broker's end offset reached the line count (polled every 20 ms). Baseline: a plain KafkaProducer "
                + "reading the file line by line with the agent's producer settings (idempotent, acks=all, lz4, "
                + "batch 256 KiB, linger 20 ms), raw lines instead of event JSON; and kcat (librdkafka) `-P -l`.%n%n",
                lines, mb, bytes / (double) lines, Runtime.getRuntime().availableProcessors(), brokerOpts));
        b.append("*all lines*: from process start (JVM start-up included) to the last line in the broker; *lines/s* and "
                + "*MB/s* are over that time. *steady*: lines over the time from the first event in the broker to the "
                + "last, i.e. the rate once running, start-up left out; its ratio is against the baseline's steady rate.\n\n");
        b.append("| producer | JVM options | first event | all lines | lines/s | MB/s | vs KafkaProducer | steady lines/s | "
                + "steady vs KafkaProducer | CPU s | peak RSS | broker CPU s | idle RSS after | idle CPU after |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Ingest r : ingests) {
            if (r.name().equals("warm-up")) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | `%s` | %.2f s | %.2f s | %,.0f | %.1f | %.2f× | %,.0f | %.2f× | %s | %s | %.1f | %s | %s |%n",
                    r.name(), r.jvmOpts(), r.firstEventSeconds(), r.allSeconds(), r.linesPerSecond(lines),
                    mb / r.allSeconds(), r.linesPerSecond(lines) / javaBaseline.linesPerSecond(lines),
                    r.steadyLinesPerSecond(lines), r.steadyLinesPerSecond(lines) / javaBaseline.steadyLinesPerSecond(lines),
                    Double.isNaN(r.cpuSeconds()) ? "(exited)" : String.format(Locale.ROOT, "%.1f", r.cpuSeconds()),
                    r.peakRssMiB() < 0 ? "(exited)" : String.format(Locale.ROOT, "%.0f MiB", r.peakRssMiB()),
                    r.brokerCpuSeconds(),
                    Double.isNaN(r.idleRssMiB()) ? "–" : String.format(Locale.ROOT, "%.0f MiB", r.idleRssMiB()),
                    Double.isNaN(r.idleCpuPercent()) ? "–" : String.format(Locale.ROOT, "%.2f %%", r.idleCpuPercent())));
        }
        if (!appears.isEmpty()) {
            b.append("\nThe agent running (as launched) and idle when the file is renamed into the directory it watches "
                    + "(the issue's \"writes a file and measures the time until all lines are in the broker\"): times "
                    + "from the rename; *first event* includes file-tail's discovery of the new file (at once through its "
                    + "directory watch; builds without it: at the next scan, 0-1 s); *steady* is from the first event to the last. Ratios are against the "
                    + "KafkaProducer baseline above (its lines/s from process start, its steady rate). CPU s: the agent's "
                    + "CPU from the rename to the last line.\n\n");
            b.append("| agent | JVM options | first event | all lines | lines/s | MB/s | vs KafkaProducer | steady lines/s | "
                    + "steady vs KafkaProducer | CPU s | peak RSS | RSS when ready | broker CPU s | idle RSS after | "
                    + "idle CPU after |\n");
            b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Appear r : appears) {
                b.append(String.format(Locale.ROOT, "| %s | `%s` | %.2f s | %.2f s | %,.0f | %.1f | %.2f× | %,.0f | %.2f× | "
                                + "%.1f | %.0f MiB | %.0f MiB | %.1f | %.0f MiB | %.2f %% |%n", r.name(), r.jvmOpts(), r.firstSeconds(),
                        r.allSeconds(), r.linesPerSecond(lines), mb / r.allSeconds(),
                        r.linesPerSecond(lines) / javaBaseline.linesPerSecond(lines), r.steadyLinesPerSecond(lines),
                        r.steadyLinesPerSecond(lines) / javaBaseline.steadyLinesPerSecond(lines), r.cpuSeconds(),
                        r.peakRssMiB(), r.readyRssMiB(), r.brokerCpuSeconds(), r.idleRssMiB(), r.idleCpuPercent()));
            }
        }
        b.append("\nAgainst the 300,000 lines/s target (issue 4):\n\n");
        for (Ingest r : ingests) {
            if (r.name().startsWith("agent")) {
                b.append(String.format(Locale.ROOT, "- %s (`%s`): %,.0f lines/s from process start (%s), %,.0f lines/s "
                        + "steady (%s); %.2f CPU-s per million lines%n", r.name(), r.jvmOpts(), r.linesPerSecond(lines),
                        verdict(r.linesPerSecond(lines)), r.steadyLinesPerSecond(lines),
                        verdict(r.steadyLinesPerSecond(lines)),
                        r.cpuSeconds() * 1e6 / lines));
            }
        }
        for (Appear r : appears) {
            b.append(String.format(Locale.ROOT, "- %s: %,.0f lines/s from the rename (%s), %,.0f lines/s steady (%s); "
                            + "%.2f CPU-s per million lines%n", r.name(), r.linesPerSecond(lines),
                    verdict(r.linesPerSecond(lines)), r.steadyLinesPerSecond(lines),
                    verdict(r.steadyLinesPerSecond(lines)), r.cpuSeconds() * 1e6 / lines));
        }
        // Single rounds on two shared cores swing by +-25 %: the median of a row's rounds is the figure to compare.
        Map<String, List<Appear>> rounds = new LinkedHashMap<>();
        appears.forEach(r -> rounds.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r));
        for (var e : rounds.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            double median = median(e.getValue().stream().mapToDouble(r -> r.linesPerSecond(lines)).toArray());
            double steady = median(e.getValue().stream().mapToDouble(r -> r.steadyLinesPerSecond(lines)).toArray());
            long met = e.getValue().stream().filter(r -> r.linesPerSecond(lines) >= TARGET_LINES_PER_SECOND).count();
            b.append(String.format(Locale.ROOT, "- %s, median of %d rounds: %,.0f lines/s from the rename (%s; %d of %d "
                            + "rounds at or above 300,000), %,.0f lines/s steady%n", e.getKey(), e.getValue().size(), median,
                    verdict(median), met, e.getValue().size(), steady));
        }
        b.append("\nThe file-tail source alone (same file, events and positions built, then dropped by a counting "
                + "emitter; the time includes JVM start-up of the source, not of the JVM):\n\n");
        b.append("| JVM options | time | lines/s | MB/s | CPU s (whole JVM) |\n|---|---:|---:|---:|---:|\n");
        for (SourceAlone r : alone) {
            b.append(String.format(Locale.ROOT, "| `%s` | %.2f s | %,.0f | %.0f | %.1f |%n", r.jvmOpts(), r.seconds(),
                    lines / r.seconds(), mb / r.seconds(), r.cpuSeconds()));
        }
        b.append(String.format(Locale.ROOT, "%nIdle agent (fresh start, a 10-line file%s, measured for %d s after it "
                + "caught up):%n%n", hostMetrics ? " and host-metrics every 10 s" : "", idleSeconds));
        b.append("| JVM options | start to first event | idle RSS | peak RSS | idle CPU (% of a core) |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        for (Idle r : idles) {
            b.append(String.format(Locale.ROOT, "| `%s` | %.2f s | %.0f MiB | %.0f MiB | %.2f %% |%n", r.jvmOpts(),
                    r.firstEventSeconds(), r.rssMiB(), r.peakRssMiB(), r.cpuPercent()));
        }
        b.append("\nLoad average (1/5/15 min) at the start: " + loadBefore + "; at the end: " + loadAfter
                + " (on 2 cores: above ~0.5 other work was running and the figures are pessimistic).\n");
        b.append("\nTargets (issue 4): ≥ 300,000 lines/s end to end, idle RSS ≤ 80 MB, idle CPU ≤ 0.5 %, first event < 1 s.\n");
        return b.toString();
    }

    /** Issue 4's ingest target, lines per second. */
    static final double TARGET_LINES_PER_SECOND = 300_000;

    private static String verdict(double linesPerSecond) {
        return linesPerSecond >= TARGET_LINES_PER_SECOND ? "meets it" : "short of it";
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
