package io.tributary.agent.internal;

import io.tributary.agent.internal.metrics.SourceGauges;
import io.tributary.plugin.api.Emitter;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.SourceContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link SourceContext} the agent gives one source. Immutable. */
final class AgentSourceContext implements SourceContext {
    private final String host;
    private final String sourceId;
    private final Clock clock;
    private final Path dataDir;
    private final Emitter emitter;
    private final Map<String, Position> restored;
    private final Logger logger;
    private final AtomicInteger threads = new AtomicInteger();
    private final ClassLoader pluginLoader;
    private final SourceGauges gauges;
    private final SourceFailures failures;

    AgentSourceContext(String host, String sourceId, Clock clock, Path dataDir, Emitter emitter,
                       Map<String, Position> restored, ClassLoader pluginLoader, SourceGauges gauges,
                       SourceFailures failures) {
        this.gauges = gauges;
        this.failures = failures;
        this.host = host;
        this.sourceId = sourceId;
        this.clock = clock;
        this.dataDir = dataDir;
        this.emitter = emitter;
        this.restored = Map.copyOf(restored);
        this.logger = LoggerFactory.getLogger("io.tributary.source." + sourceId);
        this.pluginLoader = pluginLoader;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Emitter emitter() {
        return emitter;
    }

    @Override
    public Map<String, Position> restoredPositions() {
        return restored;
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public Gauge gauge(String name, Map<String, String> tags, DoubleSupplier value) {
        return gauges.add(sourceId, name, tags, value);
    }

    @Override
    public ThreadFactory threadFactory() {
        return r -> {
            Thread t = new Thread(r, "tributary-" + sourceId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(pluginLoader);
            // A thread the plugin let die would otherwise leave only a stack trace on stderr, and a source that quietly stopped.
            t.setUncaughtExceptionHandler((thread, e) -> failures.threadDied(sourceId, thread.getName(), e));
            return t;
        };
    }
}
