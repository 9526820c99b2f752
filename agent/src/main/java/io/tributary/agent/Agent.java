package io.tributary.agent;

import io.tributary.agent.internal.AgentRuntime;
import io.tributary.agent.internal.AgentStarter;
import io.tributary.agent.internal.AgentWiring;
import io.tributary.plugin.api.Position;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * An agent running in this JVM: {@link #start(Path)} reads the YAML config, loads plugins,
 * binds and validates everything, then ships events until {@link #close()}.
 *
 * <pre>{@code
 * try (Agent agent = Agent.start(Path.of("agent.yaml"))) { ... }
 * }</pre>
 *
 * Thread-safe.
 */
public final class Agent implements AutoCloseable {
    private final AgentRuntime runtime;

    private Agent(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts an agent from a config file, with {@code ${ENV}} taken from the process environment.
     *
     * @throws AgentConfigException a config problem (each with its key path)
     * @throws Exception            the data directory is locked or unreadable, a source failed to start
     */
    public static Agent start(Path configFile) throws Exception {
        return start(AgentStarter.load(configFile, System.getenv()), Clock.systemUTC());
    }

    /** Starts an agent from YAML text and an explicit environment (tests, embedding). */
    public static Agent start(String yaml, Map<String, String> env) throws Exception {
        return start(AgentStarter.parse(yaml, env), Clock.systemUTC());
    }

    static Agent start(AgentStarter.Prepared prepared, Clock clock) throws Exception {
        AgentRuntime runtime = AgentWiring.build(prepared.config(), prepared.sources(), clock);
        runtime.start();
        return new Agent(runtime);
    }

    /**
     * Validates a config file as {@link #start(Path)} would (plugins and their settings
     * included) without starting anything; returns a one-line summary.
     */
    public static String check(Path configFile) throws AgentConfigException {
        AgentStarter.Prepared p = AgentStarter.load(configFile, System.getenv());
        return "host " + p.config().agent().host() + ", broker " + p.config().output().bootstrapServers() + ", "
                + p.sources().size() + " source(s): " + String.join(", ",
                p.sources().stream().map(s -> s.entry().id() + " (" + s.entry().type() + " -> " + s.entry().topic() + ")").toList());
    }

    public AgentStats stats() {
        return runtime.stats();
    }

    /** Events each source emitted (read) so far, by source id, in config order. */
    public Map<String, Long> emittedBySource() {
        return runtime.emittedBySource();
    }

    /** The positions currently committed (acknowledged) for a source. */
    public Map<String, Position> committedPositions(String sourceId) {
        return runtime.committedPositions(sourceId);
    }

    /**
     * Sources that stopped because their thread died of an exception or error (a plugin bug, or a plugin built
     * against another plugin API), by id, with what it died of; empty while all run. The agent goes on without
     * them and {@code /health} reports it down.
     */
    public Map<String, String> failedSources() {
        return runtime.failedSources();
    }

    /** The port serving {@code /metrics} and {@code /health}, or -1 when {@code metrics.listen} is not set. */
    public int metricsPort() {
        return runtime.metricsPort();
    }

    /** Stops sources, flushes to the broker, writes the final checkpoint. Idempotent. */
    @Override
    public void close() {
        runtime.close();
    }
}
