package io.tributary.agent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
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
 * Wires one agent from a bound configuration. Everything is a singleton of this injector; the
 * data-directory lock is taken before anything touches the data directory.
 */
public final class AgentModule extends AbstractModule {
    private final AgentConfig config;
    private final List<SourceBinder.BoundSource> sources;
    private final Clock clock;

    public AgentModule(AgentConfig config, List<SourceBinder.BoundSource> sources, Clock clock) {
        this.config = config;
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(AgentConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        bind(AgentRuntime.class).in(Singleton.class);
    }

    @Provides
    List<SourceBinder.BoundSource> sources() {
        return sources;
    }

    @Provides
    @Singleton
    DataDirLock lock() throws IOException {
        return DataDirLock.acquire(config.agent().dataDir());
    }

    @Provides
    @Singleton
    Pipeline pipeline() {
        return new Pipeline(config.pipeline().maxEvents(), config.pipeline().maxBytes().bytes());
    }

    @Provides
    @Singleton
    BrokerHealth health(Pipeline pipeline) {
        return new BrokerHealth(config.output().bootstrapServers(), config.output().unreachableAfter(), pipeline::heldEvents);
    }

    @Provides
    @Singleton
    DiskSpool spool(DataDirLock lock) throws IOException {
        try {
            return new DiskSpool(config.agent().dataDir().resolve("spool"), config.spool().maxBytes().bytes(),
                    config.spool().segmentBytes().bytes());
        } catch (IOException e) {
            lock.close();
            throw e;
        }
    }

    @Provides
    @Singleton
    SpoolRouter router(DiskSpool spool, Pipeline pipeline, BrokerHealth health) {
        return new SpoolRouter(spool, pipeline, health, config.spool().maxBytes().bytes());
    }

    @Provides
    @Singleton
    KafkaOutput output(Pipeline pipeline, BrokerHealth health, SpoolRouter router) {
        ProducerFactory factory = new ProducerFactory(config.output(), config.agent().host(), config.pipeline().maxBytes().bytes());
        return new KafkaOutput(pipeline, factory, health, r -> AgentRuntime.spoolUnsent(router, r),
                config.agent().shutdownTimeout());
    }

    @Provides
    @Singleton
    CheckpointStore checkpoints(DataDirLock lock) throws IOException {
        CheckpointStore store = new CheckpointStore(config.agent().dataDir(), new ObjectMapper(), clock);
        try {
            store.load();
        } catch (IOException e) {
            lock.close();
            throw e;
        }
        return store;
    }
}
