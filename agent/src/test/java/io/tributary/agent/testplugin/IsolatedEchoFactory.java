package io.tributary.agent.testplugin;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;

/**
 * A third-party-style plugin for the class-loader isolation test: it is NOT registered on the
 * test class path; the test packs it into a jar with its own services file. Each event reports
 * which loader loaded the plugin and which agent classes it can see.
 */
public final class IsolatedEchoFactory implements SourceFactory<IsolatedEchoFactory.Config> {
    public record Config(@ConfigDoc(value = "events to emit", defaultValue = "3") Integer count) {
        public Config {
            count = count == null ? 3 : count;
        }
    }

    @Override
    public String type() {
        return "isolated-echo";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public String description() {
        return "echo from a plugin jar";
    }

    @Override
    public Source create(Config config, SourceContext context) {
        return new Source() {
            private Thread thread;

            @Override
            public void start() {
                thread = context.threadFactory().newThread(() -> {
                    try {
                        for (int i = 0; i < config.count(); i++) {
                            context.emitter().emit(context.newEvent().body("echo-" + i)
                                    .attribute("loader", String.valueOf(IsolatedEchoFactory.class.getClassLoader().getName()))
                                    .attribute("sees-jackson", String.valueOf(visible("com.fasterxml.jackson.databind.ObjectMapper")))
                                    .attribute("sees-agent", String.valueOf(visible("io.tributary.agent.Agent")))
                                    .attribute("sees-kafka", String.valueOf(visible("org.apache.kafka.clients.producer.KafkaProducer")))
                                    .build(), null);
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

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, IsolatedEchoFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
