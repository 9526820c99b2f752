package io.tributary.broker.internal.topic;

import io.tributary.broker.internal.log.LogConfig;
import io.tributary.broker.internal.log.PartitionLog;
import org.apache.kafka.common.Uuid;

import java.util.List;
import java.util.Map;

/**
 * A topic as the broker serves it: its name, its stable id (Fetch/Produce v13+ address topics
 * by id), its config overrides, and one {@link PartitionLog} per partition.
 * Immutable except for the partition list, which {@link LogManager} replaces when partitions
 * are added; readers see either the old or the new list.
 */
public final class Topic {
    private final String name;
    private final Uuid id;
    private final Map<String, String> configOverrides;
    private final LogConfig logConfig;
    private volatile List<PartitionLog> partitions;

    Topic(String name, Uuid id, Map<String, String> configOverrides, LogConfig logConfig, List<PartitionLog> partitions) {
        this.name = name;
        this.id = id;
        this.configOverrides = Map.copyOf(configOverrides);
        this.logConfig = logConfig;
        this.partitions = List.copyOf(partitions);
    }

    public String name() {
        return name;
    }

    public Uuid id() {
        return id;
    }

    public Map<String, String> configOverrides() {
        return configOverrides;
    }

    public LogConfig logConfig() {
        return logConfig;
    }

    public List<PartitionLog> partitions() {
        return partitions;
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** The partition's log, or null if the topic has no such partition. */
    public PartitionLog partition(int index) {
        List<PartitionLog> current = partitions;
        return index >= 0 && index < current.size() ? current.get(index) : null;
    }

    void setPartitions(List<PartitionLog> newPartitions) {
        this.partitions = List.copyOf(newPartitions);
    }
}
