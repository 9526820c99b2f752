package io.tributary.plugin.api.testkit;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Runs one source in memory the way the agent would: finds its factory through
 * {@link ServiceLoader} (so it also checks the {@code META-INF/services} registration),
 * validates the config, creates and starts the source with a {@link RecordingEmitter}, and on
 * {@link #restart()} hands the new instance the positions committed so far, as the agent does
 * after a restart. Not thread-safe; one per test.
 *
 * <pre>{@code
 * try (SourceHarness h = SourceHarness.forType("file-tail", tempDir)) {
 *     h.start(new FileTailConfig(...));
 *     h.emitter().awaitEvents(3, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class SourceHarness implements AutoCloseable {
    private final SourceFactory<?> factory;
    private final Path dataDir;
    private Clock clock = Clock.systemUTC();
    private int capacity = Integer.MAX_VALUE;
    private Object config;
    private Source source;
    private RecordingEmitter emitter;
    private Map<String, Position> restored = Map.of();

    private SourceHarness(SourceFactory<?> factory, Path dataDir) {
        this.factory = factory;
        this.dataDir = dataDir;
    }

    /** The factory registered for {@code type} on the test class path. */
    public static SourceHarness forType(String type, Path dataDir) {
        for (SourceFactory<?> f : ServiceLoader.load(SourceFactory.class)) {
            if (f.type().equals(type)) {
                return new SourceHarness(f, dataDir);
            }
        }
        throw new AssertionError("no SourceFactory of type '" + type
                + "' registered in META-INF/services/" + SourceFactory.class.getName());
    }

    /** A harness for a factory instance (skips the ServiceLoader lookup). */
    public static SourceHarness of(SourceFactory<?> factory, Path dataDir) {
        return new SourceHarness(factory, dataDir);
    }

    public SourceHarness clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Simulates backpressure: at most {@code capacity} unacknowledged entries, acknowledged with {@code emitter().ack(n)}. */
    public SourceHarness capacity(int capacity) {
        this.capacity = capacity;
        return this;
    }

    /** Positions the first start receives as restored (as if checkpointed by an earlier run). */
    public SourceHarness restoredPositions(Map<String, Position> positions) {
        this.restored = Map.copyOf(positions);
        return this;
    }

    /** The factory's validation errors for a config. */
    public List<ConfigError> validate(Object config) {
        return validateTyped(factory, config);
    }

    /**
     * Validates, creates and starts a source with {@code config}.
     *
     * @throws AssertionError when the config is invalid
     */
    public Source start(Object config) throws Exception {
        List<ConfigError> errors = validate(config);
        if (!errors.isEmpty()) {
            throw new AssertionError("invalid config: " + errors);
        }
        this.config = config;
        emitter = capacity == Integer.MAX_VALUE ? RecordingEmitter.autoAck() : RecordingEmitter.bounded(capacity);
        TestSourceContext ctx = TestSourceContext.builder(dataDir)
                .clock(clock).emitter(emitter).restoredPositions(restored).build();
        source = createTyped(factory, config, ctx);
        source.start();
        return source;
    }

    /** Stops the source (acknowledging nothing more) and closes its emitter. */
    public void stop() {
        if (source != null) {
            source.stop();
            emitter.close();
            source = null;
        }
    }

    /**
     * Stops the source and starts a new one with the same config, restoring the positions
     * committed so far; unacknowledged events are lost exactly as in an agent crash. Returns
     * the new source; {@link #emitter()} is then a fresh one.
     */
    public Source restart() throws Exception {
        Map<String, Position> committed = emitter.committedPositions();
        stop();
        restored = committed;
        return start(config);
    }

    public RecordingEmitter emitter() {
        return emitter;
    }

    public Source source() {
        return source;
    }

    @Override
    public void close() {
        stop();
    }

    private static <C> List<ConfigError> validateTyped(SourceFactory<C> f, Object config) {
        return f.validate(f.configType().cast(config));
    }

    private static <C> Source createTyped(SourceFactory<C> f, Object config, TestSourceContext ctx) {
        return f.create(f.configType().cast(config), ctx);
    }
}
