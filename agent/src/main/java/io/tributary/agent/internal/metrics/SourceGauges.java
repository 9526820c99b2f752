package io.tributary.agent.internal.metrics;

import io.tributary.plugin.api.SourceContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The gauges sources publish through {@link SourceContext#gauge}, kept here whether or not the
 * agent serves metrics (sources start before the endpoint does); {@link AgentMetrics} exports
 * every one present and every one added later, and drops the closed ones. No Micrometer types
 * here, so an agent without {@code metrics.listen} never loads Micrometer. Thread-safe.
 */
public final class SourceGauges {
    /** One published gauge: its name and its tags, {@code source} included. */
    public record Key(String name, Map<String, String> tags) {
        public Key {
            tags = Map.copyOf(new TreeMap<>(tags));
        }
    }

    /** What the exporter does when gauges come and go. */
    interface Listener {
        void added(Key key, DoubleSupplier value);

        void removed(Key key);
    }

    private final Map<Key, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    private volatile Listener listener;

    /** For {@link SourceContext#gauge}: publishes {@code value} until the handle is closed. */
    public SourceContext.Gauge add(String sourceId, String name, Map<String, String> tags, DoubleSupplier value) {
        Map<String, String> all = new TreeMap<>(tags);
        all.put("source", sourceId);
        Key key = new Key(name, all);
        synchronized (this) {
            if (gauges.put(key, value) == null && listener != null) {
                listener.added(key, value);
            }
        }
        return () -> remove(key, value);
    }

    private synchronized void remove(Key key, DoubleSupplier value) {
        if (gauges.remove(key, value) && listener != null) {
            listener.removed(key);
        }
    }

    /** Drops every gauge of a stopped source. */
    public synchronized void removeSource(String sourceId) {
        gauges.entrySet().removeIf(e -> {
            boolean of = sourceId.equals(e.getKey().tags().get("source"));
            if (of && listener != null) {
                listener.removed(e.getKey());
            }
            return of;
        });
    }

    synchronized void listen(Listener l) {
        listener = l;
        if (l != null) {
            gauges.forEach(l::added);
        }
    }
}
