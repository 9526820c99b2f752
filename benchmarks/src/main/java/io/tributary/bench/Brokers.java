package io.tributary.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/** How each broker under test is launched and judged ready. */
final class Brokers {
    private Brokers() {}

    /** A broker process that has been judged ready. */
    record Running(ChildJvm.Daemon daemon, String bootstrap, double readySeconds, Path workDir) {}

    interface Launcher {
        String describe();

        /** Starts the broker in {@code workDir} and returns once it is ready (or throws, leaving no process behind). */
        Running start(Path workDir, Path logDir, Duration readyTimeout) throws Exception;
    }

    // ---------------------------------------------------------------- broker-lite

    /**
     * broker-lite's contract: {@code java ... io.tributary.broker.BrokerMain --listen 127.0.0.1:PORT --data-dir DIR}
     * prints or logs a line containing {@code listening on 127.0.0.1:PORT} when it serves, and stops on SIGTERM.
     * Launch-to-ready is measured from just before the process is started to the moment that line is read.
     */
    static final class BrokerLite implements Launcher {
        private final String classpath;
        private final String mainClass;
        private final String jvmOpts;

        BrokerLite(String classpath, String mainClass, String jvmOpts) {
            this.classpath = classpath;
            this.mainClass = mainClass;
            this.jvmOpts = jvmOpts;
        }

        @Override
        public String describe() {
            return "broker-lite (" + mainClass + ", JVM opts: " + jvmOpts + ")";
        }

        @Override
        public Running start(Path workDir, Path logDir, Duration readyTimeout) throws Exception {
            int port = freePort();
            Path dataDir = Files.createDirectories(workDir.resolve("data"));
            // Netty and friends may print the address as /127.0.0.1:PORT: accept any prefix on the address.
            Pattern ready = Pattern.compile("listening on \\S*127\\.0\\.0\\.1:" + port + "(?!\\d)");
            List<String> cmd = ChildJvm.command(jvmOpts, classpath, mainClass,
                    List.of("--listen", "127.0.0.1:" + port, "--data-dir", dataDir.toString()));
            Files.writeString(logDir.resolve("broker-lite.command.txt"), String.join(" ", cmd) + "\n");
            ChildJvm.Daemon d = ChildJvm.Daemon.start(cmd, workDir, logDir.resolve("broker-lite.log"),
                    line -> ready.matcher(line).find());
            try {
                Long readyAt = d.readyLineNanos(readyTimeout.toMillis());
                if (readyAt == null) {
                    d.process.waitFor(2, TimeUnit.SECONDS); // output closes just before the process is reaped
                    throw new IllegalStateException((d.alive()
                            ? "no line 'listening on 127.0.0.1:" + port + "' within " + readyTimeout.toSeconds() + " s"
                            : "broker-lite exited (code " + d.process.exitValue() + ") before printing its ready line")
                            + "; log tail:\n" + d.tail(30));
                }
                double readySeconds = (readyAt - d.startNanos) / 1e9;
                String bootstrap = "127.0.0.1:" + port;
                // Not timed: check it really answers Metadata before the tools are pointed at it.
                if (!metadataAnswers(bootstrap, Duration.ofSeconds(30))) {
                    throw new IllegalStateException("broker-lite printed its ready line but did not answer a Metadata "
                            + "(describeCluster) request within 30 s; log tail:\n" + d.tail(30));
                }
                return new Running(d, bootstrap, readySeconds, workDir);
            } catch (Exception e) {
                d.stop(Duration.ofSeconds(10));
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- Apache Kafka

    /**
     * Apache Kafka single node in KRaft combined mode on loopback, as {@code kafka-storage.sh format --standalone}
     * followed by {@code kafka-server-start.sh} would run it, with Kafka's own JVM settings. Ready when the broker port
     * accepts connections and an Admin describeCluster (Metadata) call returns the node. Formatting is not timed.
     */
    static final class Kafka implements Launcher {
        private final String classpath;
        private final String jvmOpts;
        private final String toolJvmOpts;
        private final String label;

        Kafka(String classpath, String jvmOpts, String toolJvmOpts, String label) {
            this.classpath = classpath;
            this.jvmOpts = jvmOpts;
            this.toolJvmOpts = toolJvmOpts;
            this.label = label;
        }

        @Override
        public String describe() {
            return "Apache Kafka " + Fmt.kafkaVersion()
                    + " (KRaft combined broker+controller, JVM opts: " + jvmOpts + ")";
        }

        @Override
        public Running start(Path workDir, Path logDir, Duration readyTimeout) throws Exception {
            int port = freePort();
            int controllerPort = freePort();
            while (controllerPort == port) {
                controllerPort = freePort();
            }
            Path dataDir = workDir.resolve("kraft-combined-logs");
            Path config = workDir.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "inter.broker.listener.name=PLAINTEXT",
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + dataDir,
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false",
                    ""));
            Path log4j = workDir.resolve("log4j2.properties");
            Files.writeString(log4j, String.join("\n",
                    "status = warn",
                    "appender.console.type = Console",
                    "appender.console.name = STDOUT",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                    "rootLogger.level = info",
                    "rootLogger.appenderRef.stdout.ref = STDOUT",
                    ""));
            String logOpt = "-Dlog4j2.configurationFile=" + log4j;

            // kafka-storage.sh format -t <uuid> -c server.properties --standalone
            String prefix = label.replaceAll("[^A-Za-z0-9.-]", "_");
            ChildJvm.ToolRun format = ChildJvm.runTool(
                    ChildJvm.command(toolJvmOpts + " " + logOpt, classpath, "kafka.tools.StorageTool",
                            List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone")),
                    workDir, logDir, prefix + ".storage-format", Duration.ofSeconds(120));
            if (!format.ok()) {
                throw new IllegalStateException("kafka StorageTool format failed: " + format.describeFailure()
                        + "\n" + format.stdout() + Files.readString(format.stderrFile()));
            }

            List<String> cmd = ChildJvm.command(jvmOpts + " " + logOpt, classpath, "kafka.Kafka", List.of(config.toString()));
            Files.writeString(logDir.resolve(prefix + ".command.txt"), String.join(" ", cmd) + "\n");
            ChildJvm.Daemon d = ChildJvm.Daemon.start(cmd, workDir, logDir.resolve(prefix + ".log"), null);
            String bootstrap = "127.0.0.1:" + port;
            try {
                long deadline = d.startNanos + readyTimeout.toNanos();
                Admin admin = null;
                try {
                    while (true) {
                        if (!d.alive()) {
                            throw new IllegalStateException("Kafka exited (code " + d.process.exitValue()
                                    + ") before it was ready; log tail:\n" + d.tail(30));
                        }
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("Kafka not ready within " + readyTimeout.toSeconds()
                                    + " s; log tail:\n" + d.tail(30));
                        }
                        if (admin == null && portAccepts(port)) {
                            admin = Admin.create(adminProps(bootstrap)); // only once the port is open: no retry noise
                        }
                        if (admin != null && clusterHasNode(admin, Duration.ofSeconds(2))) {
                            double readySeconds = (System.nanoTime() - d.startNanos) / 1e9;
                            return new Running(d, bootstrap, readySeconds, workDir);
                        }
                        Thread.sleep(25);
                    }
                } finally {
                    if (admin != null) {
                        admin.close(Duration.ofSeconds(5));
                    }
                }
            } catch (Exception e) {
                d.stop(Duration.ofSeconds(10));
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static boolean portAccepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Properties adminProps(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "tributary-bench-admin");
        return p;
    }

    static boolean clusterHasNode(Admin admin, Duration timeout) {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return nodes != null && !nodes.isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    static boolean metadataAnswers(String bootstrap, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminProps(bootstrap))) {
            while (System.nanoTime() < deadline) {
                if (clusterHasNode(admin, Duration.ofSeconds(3))) {
                    return true;
                }
                Thread.sleep(100);
            }
        }
        return false;
    }

    /** Creates the topics (replication factor 1) and waits until every partition has a leader. */
    static void createTopics(String bootstrap, List<String> topics, int partitions, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(adminProps(bootstrap))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String missing = null;
                try {
                    Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames()
                            .get(5, TimeUnit.SECONDS);
                    for (TopicDescription td : d.values()) {
                        if (td.partitions().size() != partitions) {
                            missing = td.name() + " has " + td.partitions().size() + " partitions";
                        }
                        for (TopicPartitionInfo p : td.partitions()) {
                            if (p.leader() == null || p.leader().isEmpty()) {
                                missing = td.name() + "-" + p.partition() + " has no leader";
                            }
                        }
                    }
                } catch (Exception e) {
                    missing = e.toString();
                }
                if (missing == null) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics not ready within " + timeout.toSeconds() + " s: " + missing);
                }
                Thread.sleep(100);
            }
        }
    }
}
