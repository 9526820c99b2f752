package io.tributary.agent.testsources;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A replayable test source: emits {@code line-0 .. line-(count-1)} with position {@code n+1} under
 * one key, resuming after its restored position, like a file tailer would. Its config also
 * exercises every bindable type.
 */
public final class CounterSourceFactory implements SourceFactory<CounterSourceFactory.Config> {
    public enum Mode { FAST, SLOW_START }

    public record Multiline(@ConfigDoc(value = "pattern", defaultValue = "") String startPattern) {
    }

    public record Config(
            @ConfigDoc(value = "lines to emit", defaultValue = "100") Integer count,
            @ConfigDoc(value = "position key", defaultValue = "counter") String key,
            @ConfigDoc(value = "a duration", defaultValue = "1s") Duration interval,
            @ConfigDoc(value = "a size", defaultValue = "1MiB") DataSize maxSize,
            @ConfigDoc(value = "an enum", defaultValue = "fast") Mode mode,
            @ConfigDoc(value = "a list", defaultValue = "[]") List<String> paths,
            @ConfigDoc(value = "nested", defaultValue = "") Multiline multiline,
            @ConfigDoc(value = "body padding in bytes", defaultValue = "0") Integer padding) {
        public Config {
            count = count == null ? 100 : count;
            key = key == null ? "counter" : key;
            interval = interval == null ? Duration.ofSeconds(1) : interval;
            maxSize = maxSize == null ? DataSize.ofMiB(1) : maxSize;
            mode = mode == null ? Mode.FAST : mode;
            paths = paths == null ? List.of() : paths;
            padding = padding == null ? 0 : padding;
        }
    }

    @Override
    public String type() {
        return "test-counter";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public String description() {
        return "counts lines (tests)";
    }

    @Override
    public List<ConfigError> validate(Config c) {
        List<ConfigError> errors = new ArrayList<>();
        if (c.count() < 0) {
            errors.add(new ConfigError("count", "must be >= 0, got " + c.count()));
        }
        if (c.multiline() != null && "[".equals(c.multiline().startPattern())) {
            errors.add(new ConfigError("multiline.start-pattern", "not a valid regular expression"));
        }
        return errors;
    }

    @Override
    public Source create(Config config, SourceContext context) {
        return new Source() {
            private Thread thread;

            @Override
            public void start() {
                Position restored = context.restoredPositions().get(config.key());
                long from = restored == null ? 0 : restored.valueAsLong();
                String pad = "x".repeat(config.padding());
                thread = context.threadFactory().newThread(() -> {
                    try {
                        for (long i = from; i < config.count(); i++) {
                            context.emitter().emit(context.newEvent().body("line-" + i + pad).attribute("path", "/test/counter").build(),
                                    Position.of(config.key(), i + 1));
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
                    try {
                        thread.join(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public boolean replayable() {
                return true;
            }
        };
    }
}
