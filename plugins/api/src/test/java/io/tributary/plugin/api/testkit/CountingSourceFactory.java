package io.tributary.plugin.api.testkit;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;
import java.util.List;

/** A replayable source emitting "line-N" with position N+1 up to a limit, resuming after its restored position. */
public final class CountingSourceFactory implements SourceFactory<CountingSourceFactory.Config> {
    public record Config(@ConfigDoc(value = "how many lines to emit", defaultValue = "10") Integer lines) {
        public Config {
            lines = lines == null ? 10 : lines;
        }
    }

    @Override
    public String type() {
        return "counting";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public List<ConfigError> validate(Config config) {
        return config.lines() < 0 ? List.of(new ConfigError("lines", "must be >= 0, got " + config.lines())) : List.of();
    }

    @Override
    public Source create(Config config, SourceContext context) {
        return new Source() {
            private Thread thread;

            @Override
            public void start() {
                Position restored = context.restoredPositions().get("counter");
                long from = restored == null ? 0 : restored.valueAsLong();
                thread = context.threadFactory().newThread(() -> {
                    try {
                        for (long i = from; i < config.lines(); i++) {
                            context.emitter().emit(context.newEvent().body("line-" + i).build(), Position.of("counter", i + 1));
                        }
                    } catch (InterruptedException | IllegalStateException stopped) {
                        // stopping
                    }
                });
                thread.start();
            }

            @Override
            public void stop() {
                if (thread != null) {
                    thread.interrupt();
                }
            }

            @Override
            public boolean replayable() {
                return true;
            }
        };
    }
}
