package io.tributary.plugin.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
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

    /** Makes daemon threads named {@code tributary-<source-id>-<n>}. */
    ThreadFactory threadFactory();

    /** A builder with {@link #host()}, {@link #sourceId()} and the current time already set. */
    default Event.Builder newEvent() {
        return Event.builder().host(host()).sourceId(sourceId()).timestamp(clock().instant());
    }
}
