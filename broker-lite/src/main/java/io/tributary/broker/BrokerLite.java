package io.tributary.broker;

import io.tributary.broker.internal.api.ApiVersionsHandler;
import io.tributary.broker.internal.api.BrokerIdentity;
import io.tributary.broker.internal.api.CreatePartitionsHandler;
import io.tributary.broker.internal.api.CreateTopicsHandler;
import io.tributary.broker.internal.api.DeleteTopicsHandler;
import io.tributary.broker.internal.api.DescribeClusterHandler;
import io.tributary.broker.internal.api.DescribeConfigsHandler;
import io.tributary.broker.internal.api.FetchHandler;
import io.tributary.broker.internal.api.InitProducerIdHandler;
import io.tributary.broker.internal.api.ListOffsetsHandler;
import io.tributary.broker.internal.api.MetadataHandler;
import io.tributary.broker.internal.api.ProduceHandler;
import io.tributary.broker.internal.api.RequestDispatcher;
import io.tributary.broker.internal.api.DeleteGroupsHandler;
import io.tributary.broker.internal.api.DescribeGroupsHandler;
import io.tributary.broker.internal.api.FindCoordinatorHandler;
import io.tributary.broker.internal.api.HeartbeatHandler;
import io.tributary.broker.internal.api.JoinGroupHandler;
import io.tributary.broker.internal.api.LeaveGroupHandler;
import io.tributary.broker.internal.api.ListGroupsHandler;
import io.tributary.broker.internal.api.OffsetCommitHandler;
import io.tributary.broker.internal.api.OffsetDeleteHandler;
import io.tributary.broker.internal.api.OffsetFetchHandler;
import io.tributary.broker.internal.api.SyncGroupHandler;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.api.TopicAccess;
import io.tributary.broker.internal.metrics.BrokerObservability;
import io.tributary.broker.internal.network.KafkaServer;
import io.tributary.broker.internal.topic.ClusterIdentity;
import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.ProducerIdAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running broker-lite: storage, request handlers and the Kafka-protocol server. Embeddable
 * (tests, quickstart) and the engine behind {@code tributary broker}.
 *
 * <pre>
 * try (BrokerLite broker = BrokerLite.start(BrokerConfig.defaults(dir).withListen("127.0.0.1:0"))) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * </pre>
 */
public final class BrokerLite implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerLite.class);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LogManager logs;
    private final GroupCoordinator groups;
    private final BrokerObservability observability;
    private final ScheduledExecutorService maintenance;
    private final KafkaServer server;
    private final BrokerIdentity identity;
    private boolean closed;

    private BrokerLite(BrokerConfig config, Clock clock) throws IOException, InterruptedException {
        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);
        lockChannel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = tryLock(lockChannel);
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("data dir " + dataDir + " is in use by another broker");
        }
        GroupCoordinator startedGroups = null;
        BrokerObservability startedObservability = null;
        try {
            String clusterId = ClusterIdentity.loadOrCreate(dataDir).clusterId();
            logs = LogManager.open(dataDir, config.logDefaults(), clock);
            ProducerIdAllocator producerIds = new ProducerIdAllocator(dataDir);
            TopicAccess topics = new TopicAccess(logs, config.autoCreateTopics(), config.defaultPartitions());
            startedGroups = GroupCoordinator.start(dataDir.resolve(".groups"), config.groupConfig(), clock);
            groups = startedGroups;
            startedObservability = BrokerObservability.start(config.metricsAddress(), logs, () -> groups.list().size(),
                    () -> "\"role\":\"broker\",\"listen\":\"" + bootstrapServers() + "\"");
            observability = startedObservability;
            AtomicReference<RequestDispatcher> dispatcher = new AtomicReference<>();
            server = new KafkaServer(config.listenAddress(), config.ioThreads(), config.maxRequestBytes(), dispatcher::get);
            identity = new BrokerIdentity(config.nodeId(), advertisedHost(config, server.localAddress()),
                    server.localAddress().getPort(), clusterId);
            dispatcher.set(new RequestDispatcher(List.of(
                    new ApiVersionsHandler(),
                    new MetadataHandler(identity, topics),
                    new ProduceHandler(topics),
                    new FetchHandler(logs),
                    new ListOffsetsHandler(logs),
                    new CreateTopicsHandler(identity, topics),
                    new DeleteTopicsHandler(logs),
                    new CreatePartitionsHandler(logs),
                    new DescribeConfigsHandler(identity, topics),
                    new InitProducerIdHandler(producerIds),
                    new DescribeClusterHandler(identity),
                    new FindCoordinatorHandler(identity),
                    new JoinGroupHandler(groups),
                    new SyncGroupHandler(groups),
                    new HeartbeatHandler(groups),
                    new LeaveGroupHandler(groups),
                    new OffsetCommitHandler(groups, logs, clock),
                    new OffsetFetchHandler(groups, logs),
                    new ListGroupsHandler(groups),
                    new DescribeGroupsHandler(groups),
                    new DeleteGroupsHandler(groups),
                    new OffsetDeleteHandler(groups, logs)), observability.requestObserver()));
            maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "broker-maintenance");
                t.setDaemon(true);
                return t;
            });
            maintenance.scheduleWithFixedDelay(this::runMaintenance, config.maintenanceIntervalMs(),
                    config.maintenanceIntervalMs(), TimeUnit.MILLISECONDS);
            observability.markServing();
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (startedObservability != null) {
                startedObservability.close();
            }
            if (startedGroups != null) {
                startedGroups.close();
            }
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** Null when another process, or another broker in this JVM, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    /** Opens the data directory (recovering it if needed) and starts serving. */
    public static BrokerLite start(BrokerConfig config) throws IOException, InterruptedException {
        return start(config, Clock.systemUTC());
    }

    public static BrokerLite start(BrokerConfig config, Clock clock) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        BrokerLite broker = new BrokerLite(config.validate(), clock);
        log.info("broker-lite listening on {}:{} (data dir {}, {} topic(s), cluster {}) after {} ms",
                broker.identity.host(), broker.identity.port(), config.dataDir().toAbsolutePath(),
                broker.logs.topics().size(), broker.identity.clusterId(), (System.nanoTime() - t0) / 1_000_000);
        return broker;
    }

    private static String advertisedHost(BrokerConfig config, InetSocketAddress bound) throws IOException {
        if (config.advertisedHost() != null) {
            return config.advertisedHost();
        }
        InetAddress address = bound.getAddress();
        return address.isAnyLocalAddress() ? InetAddress.getLocalHost().getCanonicalHostName() : address.getHostAddress();
    }

    public String bootstrapServers() {
        return identity.host() + ":" + identity.port();
    }

    public int port() {
        return identity.port();
    }

    /** The port of /metrics and /health; empty unless {@code metrics.listen} is set. */
    public OptionalInt metricsPort() {
        return observability.port();
    }

    /** For maintenance on demand (tests, admin): retention, flush.ms policy, delayed deletes. */
    public void runMaintenance() {
        logs.runMaintenance();
        try {
            groups.runMaintenance(name -> logs.topic(name).isPresent());
        } catch (RuntimeException e) {
            log.warn("Group maintenance failed: {}", e.toString());
        }
    }

    LogManager logs() {
        return logs;
    }

    /** Stops serving, then flushes and closes every log so the next start needs no recovery. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        observability.close();
        server.close();
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        groups.close();
        logs.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Could not release the data dir lock: {}", e.toString());
        }
        log.info("broker-lite stopped");
    }
}
