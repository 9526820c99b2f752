package io.tributary.agent.testsources;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;

/**
 * A source whose thread (made by the context's thread factory) emits {@code count} events and then dies of a
 * {@link NoSuchMethodError}, as a plugin built against another plugin API would.
 */
public final class DyingSourceFactory implements SourceFactory<DyingSourceFactory.Config> {
    public record Config(@ConfigDoc(value = "events before it dies", defaultValue = "3") Integer count) {
        public Config {
            count = count == null ? 3 : count;
        }
    }

    @Override
    public String type() {
        return "test-dying";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Source create(Config config, SourceContext context) {
        return new Source() {
            @Override
            public void start() {
                context.threadFactory().newThread(() -> {
                    try {
                        for (int i = 0; i < config.count(); i++) {
                            context.emitter().emit(context.newEvent().body("dying-" + i).build(), null);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    throw new NoSuchMethodError("'void io.tributary.plugin.api.Emitter.emitAll(java.util.List)'");
                }).start();
            }

            @Override
            public void stop() {
            }

            @Override
            public boolean replayable() {
                return false;
            }
        };
    }
}
