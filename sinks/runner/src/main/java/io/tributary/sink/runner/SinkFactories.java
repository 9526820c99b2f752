package io.tributary.sink.runner;

import io.tributary.sink.api.SinkConfig;
import io.tributary.sink.api.SinkFactory;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The sink types on the class path, found through {@code META-INF/services/io.tributary.sink.api.SinkFactory}. */
public final class SinkFactories {
    private SinkFactories() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, SinkFactory<SinkConfig>> load() {
        Map<String, SinkFactory<SinkConfig>> byType = new TreeMap<>();
        for (SinkFactory<?> factory : ServiceLoader.load(SinkFactory.class)) {
            SinkFactory<?> previous = byType.putIfAbsent(factory.type(), (SinkFactory<SinkConfig>) factory);
            if (previous != null) {
                throw new IllegalStateException("two sink factories claim type '" + factory.type() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return byType;
    }
}
