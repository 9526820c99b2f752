package io.tributary.agent.internal.pipeline;

import io.tributary.agent.internal.output.BrokerHealth;
import io.tributary.agent.internal.spool.DiskSpool;
import io.tributary.agent.internal.spool.SpoolRecord;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where events of non-replayable sources go: straight into the pipeline while the broker is
 * reachable, the pipeline has room and the spool is idle (so nothing overtakes spooled events);
 * otherwise into the {@link DiskSpool}. Its drainer thread feeds spooled events back into the
 * pipeline while the broker is reachable. What does not fit into the spool is counted and logged
 * (one line when dropping starts, one when it ends), never silently lost. Thread-safe.
 */
public final class SpoolRouter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("io.tributary.agent");

    private final DiskSpool spool;
    private final Pipeline pipeline;
    private final BrokerHealth health;
    private final long maxBytes;
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private final Map<String, AtomicLong> spooledBySource = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overflowedBySource = new ConcurrentHashMap<>();
    private final AtomicLong drained = new AtomicLong();
    private final Thread drainer;
    private volatile boolean running = true;
    private boolean dropping;
    private boolean writeFailing;
    private boolean spooling;
    private long lastSpoolingLogNanos;
    private long lastDrainedLogNanos;
    private long overflowAtStart;

    public SpoolRouter(DiskSpool spool, Pipeline pipeline, BrokerHealth health, long maxBytes) {
        this.spool = spool;
        this.pipeline = pipeline;
        this.health = health;
        this.maxBytes = maxBytes;
        this.drainer = new Thread(this::drain, "tributary-spool-drainer");
        drainer.setDaemon(true);
    }

    public void start() {
        drainer.start();
    }

    /**
     * Routes a live event of a non-replayable source; {@code onStored} runs once it is safe (in the
     * pipeline and acknowledged, or written to the spool). Returns false if it was dropped (spool full).
     */
    public boolean route(OutboundRecord live, String sourceId) {
        synchronized (spool) {
            if (health.reachable() && spool.isIdle() && pipeline.tryPut(live)) {
                return true;
            }
        }
        return spoolRecord(live, sourceId);
    }

    /** Writes a live record to the spool (also used at shutdown for records the broker never acknowledged). */
    public boolean spoolRecord(OutboundRecord r, String sourceId) {
        return spoolRecord(r, sourceId, false);
    }

    /** At shutdown: spools a live record the broker did not acknowledge, for the next start. */
    public boolean spoolAtShutdown(OutboundRecord r) {
        return spoolRecord(r, "(shutdown)", true);
    }

    private boolean spoolRecord(OutboundRecord r, String sourceId, boolean shuttingDown) {
        boolean stored;
        try {
            stored = spool.append(new SpoolRecord(r.topic(), r.key(), r.value(), r.timestampMs()));
        } catch (IOException e) {
            // Disk full or broken: counted as overflow like a full spool, never thrown into the source.
            synchronized (this) {
                if (!writeFailing) {
                    writeFailing = true;
                    log.error("spool: cannot write to {} ({}); events of non-replayable sources are dropped and counted until it works again",
                            spool.directory(), e.getMessage());
                }
            }
            overflowed.incrementAndGet();
            return false;
        }
        synchronized (this) {
            if (writeFailing) {
                writeFailing = false;
                log.info("spool: writing works again");
            }
        }
        synchronized (this) {
            if (stored) {
                spooled.incrementAndGet();
                spooledBySource.computeIfAbsent(sourceId, id -> new AtomicLong()).incrementAndGet();
                if (!spooling) {
                    spooling = true;
                }
                if (!shuttingDown && quietPeriodOver(lastSpoolingLogNanos)) {
                    lastSpoolingLogNanos = System.nanoTime();
                    log.info("spool: writing events of non-replayable sources to disk (broker {} or pipeline full)",
                            health.reachable() ? "slow" : "unreachable");
                }
                if (dropping) {
                    dropping = false;
                    log.warn("spool: room again; {} events were dropped while it was full", overflowed.get() - overflowAtStart);
                }
                r.onAck().run();
            } else {
                overflowed.incrementAndGet();
                overflowedBySource.computeIfAbsent(sourceId, id -> new AtomicLong()).incrementAndGet();
                if (!dropping) {
                    dropping = true;
                    overflowAtStart = overflowed.get() - 1;
                    log.warn("spool full ({} bytes, spool.max-bytes): dropping new events of source {}; drops are counted until there is room",
                            maxBytes, sourceId);
                }
            }
        }
        return stored;
    }

    private void drain() {
        try {
            while (running) {
                if (!health.reachable()) {
                    // Waiting for the broker: the output marks it reachable at the next acknowledgement.
                    synchronized (this) {
                        wait(1_000);
                    }
                    continue;
                }
                DiskSpool.Handle h;
                synchronized (spool) {
                    h = spool.next();
                }
                if (h == null) {
                    synchronized (this) {
                        if (spooling && spool.isIdle()) {
                            spooling = false;
                            if (quietPeriodOver(lastDrainedLogNanos)) {
                                lastDrainedLogNanos = System.nanoTime();
                                log.info("spool: drained, {} events delivered from disk so far", drained.get());
                            }
                        }
                    }
                    spool.awaitData(5_000);
                    continue;
                }
                OutboundRecord r = new OutboundRecord(h.record().topic(), h.record().key(), h.record().value(),
                        h.record().timestampMs(), h.ack(), OutboundRecord.Origin.SPOOL);
                try {
                    pipeline.put(r, () -> !running, true);
                    drained.incrementAndGet();
                } catch (IllegalStateException stopping) {
                    return;
                } finally {
                    spool.handedOver();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("spool: cannot read {}; spooled events stay on disk until the next start", e.getMessage());
        }
    }

    /** Spooling can switch on and off quickly under load: these two lines are logged at most once a minute. */
    private static boolean quietPeriodOver(long lastNanos) {
        return lastNanos == 0 || System.nanoTime() - lastNanos > 60_000_000_000L;
    }

    public long spooledCount() {
        return spooled.get();
    }

    public long overflowCount() {
        return overflowed.get();
    }

    /** Events of one source written to the spool (those spooled at shutdown count for no source). */
    public long spooledCount(String sourceId) {
        AtomicLong n = spooledBySource.get(sourceId);
        return n == null ? 0 : n.get();
    }

    /** Events of one source dropped because the spool was full. */
    public long overflowCount(String sourceId) {
        AtomicLong n = overflowedBySource.get(sourceId);
        return n == null ? 0 : n.get();
    }

    public long drainedCount() {
        return drained.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        pipeline.wakeAll();
        spool.wakeUp();
        // Not interrupted: an interrupt during file I/O could close a spool file.
        drainer.join(5_000);
    }
}
