package io.tributary.agent.internal;

import io.tributary.agent.internal.checkpoint.CheckpointStore;
import io.tributary.agent.internal.config.AgentConfig;
import io.tributary.agent.internal.output.BrokerHealth;
import io.tributary.agent.internal.output.KafkaOutput;
import io.tributary.agent.internal.output.ProducerFactory;
import io.tributary.agent.internal.pipeline.Pipeline;
import io.tributary.agent.internal.pipeline.SpoolRouter;
import io.tributary.agent.internal.spool.DiskSpool;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Builds one agent's parts from a bound configuration, in dependency order: the data-directory
 * lock first (nothing touches the data directory before it), then the pipeline, the spool, the
 * output and the checkpoints. If a step fails, what was already opened is closed again and the
 * cause itself is thrown (data directory locked, spool or checkpoint unreadable).
 *
 * <p>Plain constructors rather than a dependency-injection container: the graph is ten objects
 * wired once, and Guice with Guava loaded ~540 classes that stayed in the agent's memory for
 * its whole life (the agent runs on every production host; see agent/README.md "Footprint").
 */
public final class AgentWiring {
    private AgentWiring() {
    }

    public static AgentRuntime build(AgentConfig config, List<SourceBinder.BoundSource> sources, Clock clock)
            throws IOException {
        DataDirLock lock = DataDirLock.acquire(config.agent().dataDir());
        DiskSpool spool = null;
        try {
            Pipeline pipeline = new Pipeline(config.pipeline().maxEvents(), config.pipeline().maxBytes().bytes());
            BrokerHealth health = new BrokerHealth(config.output().bootstrapServers(), config.output().unreachableAfter(),
                    pipeline::heldEvents);
            spool = new DiskSpool(config.agent().dataDir().resolve("spool"), config.spool().maxBytes().bytes(),
                    config.spool().segmentBytes().bytes());
            SpoolRouter router = new SpoolRouter(spool, pipeline, health, config.spool().maxBytes().bytes());
            ProducerFactory producers = new ProducerFactory(config.output(), config.agent().host(),
                    config.pipeline().maxBytes().bytes());
            KafkaOutput output = new KafkaOutput(pipeline, producers, health, r -> AgentRuntime.spoolUnsent(router, r),
                    config.agent().shutdownTimeout());
            CheckpointStore checkpoints = new CheckpointStore(config.agent().dataDir(), clock);
            checkpoints.load();
            return new AgentRuntime(lock, config, List.copyOf(sources), clock, pipeline, health, spool, router, output,
                    checkpoints);
        } catch (IOException | RuntimeException e) {
            closeQuietly(spool, e);
            closeQuietly(lock, e);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c, Exception failure) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
