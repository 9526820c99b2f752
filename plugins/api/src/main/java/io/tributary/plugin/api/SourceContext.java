package io.tributary.plugin.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;

/**
 * What the agent gives a source. Thread-safe; all methods return quickly.
 */
public interface SourceContext {
    /** The host name events are tagged with ({@code agent.host}). */
    String host();

    /** The source's id from the config ({@code id}, default {@code <type>-<index>}). */
    String sourceId();

    /** The clock to read time from (tests inject a fixed or manual one). */
    Clock clock();

    /**
     * A directory private to this source for scratch files; it exists. Not for state: the agent
     * owns positions (see {@link Position}), and this directory may be wiped.
     */
    Path dataDir();

    /** Where events go. */
    Emitter emitter();

    /**
     * The positions checkpointed for this source by a previous run, by position key; empty on
     * the first run. Unmodifiable.
     */
    Map<String, Position> restoredPositions();

    /** A logger named after the source ({@code io.tributary.source.<source-id>}). */
    Logger logger();

    /**
     * Makes daemon threads named {@code tributary-<source-id>-<n>}. Use it for the source's threads: when one ends
     * with an uncaught exception or error, the agent logs it once and reports the source as failed on
     * {@code /health}, instead of the source stopping unnoticed.
     */
    ThreadFactory threadFactory();

    /**
     * Publishes a number about this source on the agent's {@code /metrics} until the returned
     * handle is closed: {@code tributary_agent_source_<name>{source="<id>", <tags>}}, dots in the
     * name becoming underscores (file-tail publishes {@code file.lag.bytes} per file, tag
     * {@code file}). The agent reads {@code value} at each scrape, on another thread: it must be
     * thread-safe and quick. Close the handle when the thing measured goes away; the agent drops
     * the rest when the source stops. Without {@code metrics.listen} the numbers are not exported.
     */
    default Gauge gauge(String name, Map<String, String> tags, DoubleSupplier value) {
        return Gauge.NONE;
    }

    /** A published number; {@link #close()} withdraws it (idempotent). */
    interface Gauge extends AutoCloseable {
        Gauge NONE = () -> { };

        @Override
        void close();
    }

    /** A builder with {@link #host()}, {@link #sourceId()} and the current time already set. */
    default Event.Builder newEvent() {
        return Event.builder().host(host()).sourceId(sourceId()).timestamp(clock().instant());
    }
}
