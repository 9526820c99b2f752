package io.tributary.agent.testsources;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A non-replayable test source, like host metrics: a sample {@code {"seq": n}} every interval. */
public final class TickerSourceFactory implements SourceFactory<TickerSourceFactory.Config> {
    public record Config(@ConfigDoc(value = "time between samples", defaultValue = "50ms") Duration interval) {
        public Config {
            interval = interval == null ? Duration.ofMillis(50) : interval;
        }
    }

    @Override
    public String type() {
        return "test-ticker";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Source create(Config config, SourceContext context) {
        return new Source() {
            private final AtomicLong seq = new AtomicLong();
            private ScheduledExecutorService timer;

            @Override
            public void start() {
                timer = Executors.newSingleThreadScheduledExecutor(context.threadFactory());
                timer.scheduleAtFixedRate(() -> {
                    try {
                        context.emitter().emit(context.newEvent().field("seq", seq.getAndIncrement()).build(), null);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IllegalStateException stopped) {
                        // stopping
                    }
                }, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                if (timer != null) {
                    timer.shutdown();
                    try {
                        timer.awaitTermination(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public boolean replayable() {
                return false;
            }
        };
    }
}
