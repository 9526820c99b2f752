package io.tributary.agent.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources whose thread died of an exception or error nobody caught (a bug in a plugin, or a plugin jar built
 * against another plugin API: {@code NoSuchMethodError}). The agent goes on with its other sources; this one is
 * said once in the log and reported by {@code /health} (down) and {@link io.tributary.agent.Agent#failedSources()}
 * until the agent is restarted. Positions stay safe: only acknowledged events were checkpointed. Thread-safe.
 */
public final class SourceFailures {
    private static final Logger log = LoggerFactory.getLogger(SourceFailures.class);

    private final Map<String, String> failed = new ConcurrentHashMap<>();

    /** A source's thread ended with {@code e}: logged with its stack (a bug someone has to fix) and remembered. */
    void threadDied(String sourceId, String thread, Throwable e) {
        String reason = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (failed.putIfAbsent(sourceId, reason) == null) {
            log.error("source {} stopped: its thread {} died of {}; the agent goes on without it, /health reports it down; "
                    + "restart the agent to resume it (its positions are safe)", sourceId, thread, reason, e);
        } else {
            log.error("source {}: another of its threads ({}) died of {}", sourceId, thread, reason);
        }
    }

    /** Failed source id → what its thread died of, sorted by id. */
    public Map<String, String> snapshot() {
        return new TreeMap<>(failed);
    }
}
