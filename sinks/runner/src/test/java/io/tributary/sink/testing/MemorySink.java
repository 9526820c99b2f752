package io.tributary.sink.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.sink.api.RejectedRecord;
import io.tributary.sink.api.RetriableSinkException;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkConfig;
import io.tributary.sink.api.SinkContext;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.api.SinkFactory;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test sink {@code type: memory}: commits records and offsets into an in-memory "database"
 * ({@link #store(String)}), exactly-once by the same contract as the real sinks.
 */
public final class MemorySink implements Sink {

    /** What one memory sink has committed. */
    public static final class Store {
        public final List<String> values = new CopyOnWriteArrayList<>();
        public final Map<SinkPartition, Long> offsets = new ConcurrentHashMap<>();
        public final AtomicInteger writeCalls = new AtomicInteger();
        public final AtomicInteger commits = new AtomicInteger();
        /** Runs once, inside the first write (e.g. to produce more records "after the trigger"). */
        public volatile Runnable onFirstWrite;
        public volatile int retriableFailuresLeft;
    }

    private static final Map<String, Store> STORES = new ConcurrentHashMap<>();

    public static Store store(String name) {
        return STORES.computeIfAbsent(name, n -> new Store());
    }

    public static void reset(String name) {
        STORES.remove(name);
    }

    public record Config(@JsonProperty("id") String id,
                         @JsonProperty("reject-containing") String rejectContaining,
                         @JsonProperty("fatal-containing") String fatalContaining,
                         @JsonProperty("stores-offsets") Boolean storesOffsets) implements SinkConfig {
        @Override
        public void validate() {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id: is required");
            }
        }
    }

    public static final class Factory implements SinkFactory<Config> {
        @Override
        public String type() {
            return "memory";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public String defaultName(Config config) {
            return config.id();
        }

        @Override
        public Sink create(Config config) {
            return new MemorySink(config);
        }
    }

    private final Config config;
    private final List<String> staged = new ArrayList<>();
    private Store store;

    private MemorySink(Config config) {
        this.config = config;
    }

    @Override
    public void open(SinkContext context) {
        store = store(config.id());
    }

    @Override
    public boolean storesOffsets() {
        return config.storesOffsets() == null || config.storesOffsets();
    }

    @Override
    public Map<SinkPartition, Long> assigned(Set<SinkPartition> partitions) {
        if (!storesOffsets()) {
            return Map.of(); // at-least-once: the runner's group offsets decide
        }
        Map<SinkPartition, Long> known = new java.util.HashMap<>();
        partitions.forEach(p -> {
            Long next = store.offsets.get(p);
            if (next != null) {
                known.put(p, next);
            }
        });
        return known;
    }

    @Override
    public List<RejectedRecord> write(List<SinkRecord> records) throws SinkException {
        if (store.writeCalls.getAndIncrement() == 0 && store.onFirstWrite != null) {
            store.onFirstWrite.run();
        }
        if (store.retriableFailuresLeft > 0) {
            store.retriableFailuresLeft--;
            throw new RetriableSinkException("simulated connection loss");
        }
        List<RejectedRecord> rejected = new ArrayList<>();
        for (SinkRecord record : records) {
            String value = record.valueAsString();
            if (config.fatalContaining() != null && value.contains(config.fatalContaining())) {
                throw new SinkException("simulated fatal error at " + record);
            }
            if (config.rejectContaining() != null && value.contains(config.rejectContaining())) {
                rejected.add(new RejectedRecord(record, "contains '" + config.rejectContaining() + "'"));
            } else {
                staged.add(value);
            }
        }
        return rejected;
    }

    @Override
    public void commit(Map<SinkPartition, Long> nextOffsets) {
        store.values.addAll(staged);
        if (storesOffsets()) {
            store.offsets.putAll(nextOffsets);
        }
        store.commits.incrementAndGet();
        staged.clear();
    }

    @Override
    public void abort() {
        staged.clear();
    }

    @Override
    public void close() {
        staged.clear();
    }
}
