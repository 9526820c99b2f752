package io.tributary.agent.internal.output;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the broker is reachable, as seen from the agent: unreachable when events have been
 * waiting without any acknowledgement for {@code unreachableAfter} (or a send failed to get
 * metadata), reachable again at the next acknowledgement. Logs one line per change of state,
 * naming the bootstrap servers. Thread-safe.
 */
public final class BrokerHealth {
    private static final Logger log = LoggerFactory.getLogger("io.tributary.agent");

    private final String servers;
    private final long unreachableAfterNanos;
    private final IntSupplier waitingEvents;
    private final AtomicLong acked = new AtomicLong();
    private volatile long progressNanos = System.nanoTime();
    private volatile boolean reachable = true;
    private volatile long unreachableSinceNanos;
    private volatile boolean everAcked;
    /** Topics a send found missing from a connected broker's metadata, until one of their events is acknowledged. */
    private final Set<String> missingTopics = ConcurrentHashMap.newKeySet();

    public BrokerHealth(String servers, Duration unreachableAfter, IntSupplier waitingEvents) {
        this.servers = servers;
        this.unreachableAfterNanos = unreachableAfter.toNanos();
        this.waitingEvents = waitingEvents;
    }

    public boolean reachable() {
        return reachable;
    }

    /** An acknowledgement arrived. */
    public void acked() {
        acked.incrementAndGet();
        progressNanos = System.nanoTime();
        if (!everAcked) {
            everAcked = true;
            log.info("connected to broker {}", servers);
        }
        if (!reachable) {
            synchronized (this) {
                if (!reachable) {
                    reachable = true;
                    log.info("broker {} reachable again after {}s of outage", servers,
                            String.format("%.1f", (System.nanoTime() - unreachableSinceNanos) / 1e9));
                }
            }
        }
    }

    /** Called periodically: no progress for too long while events wait means unreachable. */
    public void check() {
        long now = System.nanoTime();
        int waiting = waitingEvents.getAsInt();
        if (waiting == 0) {
            progressNanos = now;
            return;
        }
        if (reachable && now - progressNanos > unreachableAfterNanos) {
            markUnreachable(String.format("no acknowledgement for %.1fs, %d events waiting", (now - progressNanos) / 1e9, waiting));
        }
    }

    /**
     * A send found no metadata for its topic although the broker answers: the topic does not exist
     * and the broker does not create topics on its own. Logged once per topic; its events wait.
     */
    public void topicMissing(String topic) {
        if (missingTopics.add(topic)) {
            log.warn("topic {} does not exist on broker {}, which does not create topics itself; its events wait until it"
                    + " exists: create it (tributary topics create {} --bootstrap-server {})", topic, servers, topic, servers);
        }
    }

    /** An event of {@code topic} was acknowledged (called with {@link #acked}). */
    public void ackedFor(String topic) {
        if (!missingTopics.isEmpty() && missingTopics.remove(topic)) {
            log.info("topic {} exists now on broker {}; its events flow", topic, servers);
        }
    }

    /** A send could not even start (e.g. no metadata within max.block.ms). */
    public void sendFailed(String reason) {
        if (reachable) {
            markUnreachable(reason);
        }
    }

    private synchronized void markUnreachable(String reason) {
        if (reachable) {
            reachable = false;
            unreachableSinceNanos = System.nanoTime();
            log.warn("broker {} unreachable, {}; replayable sources pause, non-replayable sources spool to disk; retrying",
                    servers, reason);
        }
    }

    public long ackedCount() {
        return acked.get();
    }
}
