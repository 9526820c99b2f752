package io.tributary.plugin.api.testkit;

import io.tributary.plugin.api.Emitter;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.SourceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.DoubleSupplier;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link SourceContext} for unit tests; build it with {@link #builder(Path)}. Immutable. */
public final class TestSourceContext implements SourceContext {
    private final String host;
    private final String sourceId;
    private final Clock clock;
    private final Path dataDir;
    private final Emitter emitter;
    private final Map<String, Position> restored;
    private final AtomicInteger threads = new AtomicInteger();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    private TestSourceContext(Builder b) {
        this.host = b.host;
        this.sourceId = b.sourceId;
        this.clock = b.clock;
        this.dataDir = b.dataDir;
        this.emitter = b.emitter;
        this.restored = Map.copyOf(b.restored);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param dataDir the source's scratch directory (a JUnit {@code @TempDir}); created if missing */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
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
        return LoggerFactory.getLogger("io.tributary.source." + sourceId);
    }

    /** Records the gauge under {@code name{k=v,...}} (tags sorted) until its handle is closed. */
    @Override
    public Gauge gauge(String name, Map<String, String> tags, DoubleSupplier value) {
        String key = name + new TreeMap<>(tags).toString().replace('[', '{').replace(']', '}');
        gauges.put(key, value);
        return () -> gauges.remove(key, value);
    }

    /** The gauges published and not closed, by {@code name{k=v, ...}}. */
    public Map<String, DoubleSupplier> gauges() {
        return Map.copyOf(gauges);
    }

    @Override
    public ThreadFactory threadFactory() {
        return r -> {
            Thread t = new Thread(r, "tributary-" + sourceId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public static final class Builder {
        private final Path dataDir;
        private String host = "test-host";
        private String sourceId = "test-source";
        private Clock clock = Clock.systemUTC();
        private Emitter emitter = RecordingEmitter.autoAck();
        private Map<String, Position> restored = Map.of();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder sourceId(String sourceId) {
            this.sourceId = sourceId;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder emitter(Emitter emitter) {
            this.emitter = emitter;
            return this;
        }

        public Builder restoredPositions(Map<String, Position> restored) {
            this.restored = restored;
            return this;
        }

        public TestSourceContext build() {
            return new TestSourceContext(this);
        }
    }
}
