package io.tributary.agent.internal;

import io.tributary.agent.AgentStats;
import io.tributary.agent.internal.checkpoint.CheckpointStore;
import io.tributary.agent.internal.checkpoint.PositionTracker;
import io.tributary.agent.internal.config.AgentConfig;
import io.tributary.agent.internal.metrics.AgentMetrics;
import io.tributary.agent.internal.metrics.SourceGauges;
import io.tributary.agent.internal.output.BrokerHealth;
import io.tributary.agent.internal.output.KafkaOutput;
import io.tributary.agent.internal.pipeline.EventJson;
import io.tributary.agent.internal.pipeline.OutboundRecord;
import io.tributary.agent.internal.pipeline.Pipeline;
import io.tributary.agent.internal.pipeline.SourceEmitter;
import io.tributary.agent.internal.pipeline.SpoolRouter;
import io.tributary.agent.internal.spool.DiskSpool;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: owns the sources, pipeline, output, spool and checkpoints, and starts and
 * stops them in the right order.
 *
 * <p>Start: lock the data dir, load checkpoints, start the output and spool drainer, then each
 * source with its restored positions. Stop: stop sources (no more emits), stop the drainer,
 * flush the output (live events it could not deliver go to the spool), write the final
 * checkpoint, close the spool, release the lock. One operator log line per step.
 */
public final class AgentRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("io.tributary.agent");

    private final AgentConfig config;
    private final List<SourceBinder.BoundSource> bound;
    private final Clock clock;
    private final Pipeline pipeline;
    private final BrokerHealth health;
    private final DiskSpool spool;
    private final SpoolRouter router;
    private final KafkaOutput output;
    private final CheckpointStore checkpoints;
    private final DataDirLock lock;
    private final EventJson json = new EventJson();
    private final List<RunningSource> running = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final Object checkpointLock = new Object();
    private volatile boolean stopped;
    private AgentMetrics metrics;
    private final SourceGauges gauges = new SourceGauges();
    private final SourceFailures failures = new SourceFailures();

    private record RunningSource(SourceBinder.BoundSource bound, Source source, SourceEmitter emitter, PositionTracker tracker) {
        String id() {
            return bound.entry().id();
        }
    }

    /** The lock comes first so nothing touches the data directory before it is ours. */
    AgentRuntime(DataDirLock lock, AgentConfig config, List<SourceBinder.BoundSource> bound, Clock clock, Pipeline pipeline,
                 BrokerHealth health, DiskSpool spool, SpoolRouter router, KafkaOutput output,
                 CheckpointStore checkpoints) {
        this.config = config;
        this.bound = bound;
        this.clock = clock;
        this.pipeline = pipeline;
        this.health = health;
        this.spool = spool;
        this.router = router;
        this.output = output;
        this.checkpoints = checkpoints;
        this.lock = lock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-agent-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts output and sources; on failure everything started so far is stopped again. */
    public void start() throws Exception {
        log.info("agent starting: host {}, data dir {}, broker {}, {} source(s)", config.agent().host(),
                config.agent().dataDir(), config.output().bootstrapServers(), bound.size());
        output.start();
        router.start();
        long interval = config.checkpoint().interval().toMillis();
        timer.scheduleWithFixedDelay(this::checkpointQuietly, interval, interval, TimeUnit.MILLISECONDS);
        // Often enough to notice an outage within unreachable-after, rarely enough to cost nothing when idle.
        long healthEvery = Math.max(50, Math.min(1_000, config.output().unreachableAfter().toMillis() / 2));
        timer.scheduleWithFixedDelay(health::check, healthEvery, healthEvery, TimeUnit.MILLISECONDS);
        try {
            for (SourceBinder.BoundSource b : bound) {
                startSource(b);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        if (config.metrics().enabled()) {
            Map<String, AgentMetrics.SourceCounters> emitted = new java.util.LinkedHashMap<>();
            for (RunningSource rs : running) {
                String id = rs.id();
                emitted.put(id, new AgentMetrics.SourceCounters(rs.emitter()::emittedCount, rs.emitter()::sentCount,
                        () -> router.spooledCount(id), () -> router.overflowCount(id)));
            }
            try {
                metrics = AgentMetrics.start(config.metrics().listen(), config.agent().host(), this::stats, () -> !stopped,
                        emitted, output::requestsInFlight, gauges, failures::snapshot);
            } catch (IOException | IllegalArgumentException e) {
                close();
                throw e;
            }
        }
        log.info("agent running: {} source(s) started", running.size());
    }

    /** The port of {@code /metrics}, or -1 when off. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    private void startSource(SourceBinder.BoundSource b) throws Exception {
        String id = b.entry().id();
        Map<String, Position> restored = checkpoints.positions(id);
        PositionTracker tracker = new PositionTracker(restored);
        Path dir = config.agent().dataDir().resolve("sources").resolve(id);
        Files.createDirectories(dir);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(b.plugin().loader());
        try {
            // The emitter needs replayable(), which needs the source: create with a forwarding emitter.
            ForwardingEmitter forward = new ForwardingEmitter();
            AgentSourceContext ctx = new AgentSourceContext(config.agent().host(), id, clock, dir, forward, restored,
                    b.plugin().loader(), gauges, failures);
            Source source = create(b.plugin().factory(), b.config(), ctx);
            SourceEmitter emitter = new SourceEmitter(id, b.entry().topic(), config.agent().host(), source.replayable(),
                    pipeline, router, tracker, json);
            forward.target = emitter;
            RunningSource rs = new RunningSource(b, source, emitter, tracker);
            running.add(rs);
            source.start();
            log.info("source {} ({}) started: topic {}, {}, {} restored position(s)", id, b.entry().type(), b.entry().topic(),
                    source.replayable() ? "replayable" : "not replayable (spooled while the broker is unreachable)",
                    restored.size());
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static <C> Source create(SourceFactory<C> factory, Object config, AgentSourceContext ctx) {
        return factory.create(factory.configType().cast(config), ctx);
    }

    private void checkpointQuietly() {
        try {
            writeCheckpoint();
            spool.flush();
        } catch (IOException e) {
            log.warn("cannot write checkpoint {}: {}", checkpoints.file(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("checkpoint failed", e);
        }
    }

    private void writeCheckpoint() throws IOException {
        // Its own lock: close() holds the runtime's monitor while it waits for the timer to finish.
        synchronized (checkpointLock) {
            writeChangedCheckpoints();
        }
    }

    private void writeChangedCheckpoints() throws IOException {
        boolean changed = false;
        for (RunningSource rs : running) {
            Map<String, Position> p = rs.tracker().committedIfChanged();
            if (p != null) {
                checkpoints.update(rs.id(), p);
                changed = true;
            }
        }
        if (changed) {
            checkpoints.write();
        }
    }

    /** Sources whose thread died (see {@link SourceFailures}): id → what it died of. */
    public Map<String, String> failedSources() {
        return failures.snapshot();
    }

    public AgentStats stats() {
        return new AgentStats(output.sentCount(), router.spooledCount(), router.overflowCount(), router.drainedCount(),
                output.droppedCount(), pipeline.heldEvents(), pipeline.heldBytes(), pipeline.blockedPuts(), spool.bytes(),
                health.reachable());
    }

    /** Events each source emitted so far, by source id, in config order. */
    public Map<String, Long> emittedBySource() {
        Map<String, Long> emitted = new java.util.LinkedHashMap<>();
        for (RunningSource rs : running) {
            emitted.put(rs.id(), rs.emitter().emittedCount());
        }
        return emitted;
    }

    /** The positions committed for a source now (for tests and diagnostics). */
    public Map<String, Position> committedPositions(String sourceId) {
        for (RunningSource rs : running) {
            if (rs.id().equals(sourceId)) {
                return rs.tracker().committed();
            }
        }
        return checkpoints.positions(sourceId);
    }

    /** Stops everything in order; idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        log.info("agent stopping");
        if (metrics != null) {
            metrics.close();
        }
        for (RunningSource rs : running) {
            rs.emitter().close();
            try {
                rs.source().stop();
                gauges.removeSource(rs.id());
                log.info("source {} stopped", rs.id());
            } catch (RuntimeException e) {
                log.warn("source {} failed to stop cleanly: {}", rs.id(), e.toString());
            }
        }
        try {
            router.close();
            output.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // Always written at shutdown, changed or not, so its time stamp shows the clean stop.
            synchronized (checkpointLock) {
                for (RunningSource rs : running) {
                    checkpoints.update(rs.id(), rs.tracker().committed());
                }
                checkpoints.write();
            }
        } catch (IOException e) {
            log.error("cannot write the final checkpoint {}: {}", checkpoints.file(), e.getMessage());
        }
        try {
            spool.close();
            lock.close();
        } catch (IOException e) {
            log.warn("closing the data directory: {}", e.getMessage());
        }
        AgentStats s = stats();
        log.info("agent stopped: {} events delivered, {} spooled ({} bytes waiting in the spool for the next start), {} dropped for a full spool, checkpoint written",
                s.sent(), s.spooled(), spool.bytes(), s.spoolOverflow());
    }

    /** Spools a live record the broker did not acknowledge before shutdown. */
    static void spoolUnsent(SpoolRouter router, OutboundRecord r) {
        try {
            router.spoolAtShutdown(r);
        } catch (IllegalStateException e) {
            log.error("could not spool an undelivered event at shutdown: {}", e.getMessage());
        }
    }

    /** Lets the context exist before the emitter (which needs {@link Source#replayable()}). */
    private static final class ForwardingEmitter implements io.tributary.plugin.api.Emitter {
        volatile SourceEmitter target;

        @Override
        public void emit(io.tributary.plugin.api.Event event, Position position) throws InterruptedException {
            target().emit(event, position);
        }

        @Override
        public void checkpoint(Position position) throws InterruptedException {
            target().checkpoint(position);
        }

        @Override
        public void release(String positionKey) {
            target().release(positionKey);
        }

        private SourceEmitter target() {
            SourceEmitter t = target;
            if (t == null) {
                throw new IllegalStateException("emit before start()");
            }
            return t;
        }
    }
}
