package io.tributary.broker.internal.topic;

import io.tributary.broker.internal.log.AtomicFileWriter;

import io.tributary.broker.internal.log.LogConfig;
import io.tributary.broker.internal.log.PartitionLog;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Owns every topic of one data directory.
 *
 * <p>On-disk layout: {@code <data-dir>/.topics/<topic>.properties} defines a topic (id, partition count,
 * config overrides) and {@code <data-dir>/<topic>-<partition>/} holds each partition's log. A
 * topic exists once its definition file exists: creation writes partition directories first and
 * the definition last; deletion removes the definition first. Partition directories without a
 * definition (left by a crash during create or delete) are removed at start.
 *
 * <p>Thread-safety: lookups are lock-free; create/delete/add-partitions are serialized.
 */
public final class LogManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogManager.class);
    private static final String DEFINITION_SUFFIX = ".properties";
    private static final Pattern PARTITION_DIR = Pattern.compile("(.+)-(\\d+)");

    private final Path dataDir;
    private final Path topicsDir;
    private final LogConfig defaults;
    private final Clock clock;
    private final ConcurrentHashMap<String, Topic> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Uuid, Topic> byId = new ConcurrentHashMap<>();
    private final PartitionWatchers watchers = new PartitionWatchers();

    private LogManager(Path dataDir, LogConfig defaults, Clock clock) {
        this.dataDir = dataDir;
        this.topicsDir = dataDir.resolve(".topics");
        this.defaults = defaults;
        this.clock = clock;
    }

    /** Opens (recovering as needed) every topic under {@code dataDir}, creating the directory if absent. */
    public static LogManager open(Path dataDir, LogConfig defaults, Clock clock) throws IOException {
        LogManager manager = new LogManager(dataDir, defaults, clock);
        Files.createDirectories(manager.topicsDir);
        manager.loadTopics();
        manager.removeOrphanPartitionDirs();
        return manager;
    }

    private void loadTopics() throws IOException {
        try (Stream<Path> files = Files.list(topicsDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(DEFINITION_SUFFIX)).sorted().toList()) {
                TopicRecord rec = TopicRecord.fromBytes(Files.readAllBytes(file), file.toString());
                LogConfig config = defaults.withOverrides(rec.configs());
                List<PartitionLog> logs = new ArrayList<>();
                for (int p = 0; p < rec.partitions(); p++) {
                    logs.add(openPartition(rec.name(), p, config));
                }
                register(new Topic(rec.name(), Uuid.fromString(rec.id()), rec.configs(), config, logs));
            }
        }
    }

    private void removeOrphanPartitionDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(dataDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Matcher m = PARTITION_DIR.matcher(dir.getFileName().toString());
                if (!m.matches() || dir.equals(topicsDir)) {
                    continue;
                }
                Topic topic = byName.get(m.group(1));
                if (topic == null || Integer.parseInt(m.group(2)) >= topic.partitionCount()) {
                    log.info("Removing partition directory {} that belongs to no topic (left by an interrupted create or delete)", dir);
                    deleteRecursively(dir);
                }
            }
        }
    }

    private PartitionLog openPartition(String topic, int partition, LogConfig config) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return PartitionLog.open(dataDir.resolve(tp.toString()), tp, config, clock);
    }

    private void register(Topic topic) {
        byName.put(topic.name(), topic);
        byId.put(topic.id(), topic);
    }

    public Optional<Topic> topic(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Topic> topic(Uuid id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Topic> topics() {
        return byName.values();
    }

    public PartitionWatchers watchers() {
        return watchers;
    }

    public LogConfig defaults() {
        return defaults;
    }

    /**
     * Creates a topic. Validates name, partition count and configs before touching the disk.
     *
     * @throws org.apache.kafka.common.errors.InvalidTopicException         bad name
     * @throws TopicExistsException                                         name taken
     * @throws InvalidPartitionsException                                   partitions < 1
     * @throws org.apache.kafka.common.errors.InvalidConfigurationException bad config override
     */
    public synchronized Topic createTopic(String name, int partitions, Map<String, String> configs, boolean validateOnly) {
        TopicNames.validate(name);
        if (byName.containsKey(name)) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
        if (partitions < 1) {
            throw new InvalidPartitionsException("Number of partitions must be at least 1, got " + partitions);
        }
        LogConfig config = defaults.withOverrides(configs);
        if (validateOnly) {
            return null;
        }
        List<PartitionLog> logs = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            logs.add(openPartition(name, p, config));
        }
        Topic topic = new Topic(name, Uuid.randomUuid(), configs, config, logs);
        writeDefinition(topic);
        register(topic);
        log.info("Created topic {} with {} partition(s), id {}", name, partitions, topic.id());
        return topic;
    }

    public synchronized void deleteTopic(String name) {
        Topic topic = byName.get(name);
        if (topic == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        try {
            Files.deleteIfExists(definitionFile(name));
            AtomicFileWriter.fsyncDirectory(topicsDir);
        } catch (IOException e) {
            throw new KafkaStorageException("Could not delete the definition of topic " + name, e);
        }
        byName.remove(name);
        byId.remove(topic.id());
        for (PartitionLog partition : topic.partitions()) {
            partition.deleteLog();
        }
        log.info("Deleted topic {}", name);
    }

    /** Grows a topic to {@code newCount} partitions (Kafka never shrinks a topic). */
    public synchronized void addPartitions(String name, int newCount, boolean validateOnly) {
        Topic topic = byName.get(name);
        if (topic == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        int current = topic.partitionCount();
        if (newCount <= current) {
            throw new InvalidPartitionsException("Topic " + name + " has " + current
                    + " partitions; the new count must be greater, got " + newCount);
        }
        if (validateOnly) {
            return;
        }
        List<PartitionLog> logs = new ArrayList<>(topic.partitions());
        for (int p = current; p < newCount; p++) {
            logs.add(openPartition(name, p, topic.logConfig()));
        }
        Topic grown = new Topic(name, topic.id(), topic.configOverrides(), topic.logConfig(), logs);
        writeDefinition(grown);
        topic.setPartitions(logs);
        log.info("Topic {} now has {} partitions (was {})", name, newCount, current);
    }

    private void writeDefinition(Topic topic) {
        TopicRecord rec = new TopicRecord(topic.name(), topic.id().toString(), topic.partitionCount(), topic.configOverrides());
        try {
            AtomicFileWriter.write(definitionFile(topic.name()), rec.toBytes());
        } catch (IOException e) {
            throw new KafkaStorageException("Could not write the definition of topic " + topic.name(), e);
        }
    }

    private Path definitionFile(String name) {
        return topicsDir.resolve(name + DEFINITION_SUFFIX);
    }

    /** One pass of the background duties: retention, time-based flush, delayed file deletion. */
    public void runMaintenance() {
        long now = clock.millis();
        for (Topic topic : byName.values()) {
            for (PartitionLog partition : topic.partitions()) {
                try {
                    partition.enforceRetention();
                    partition.flushIfDue(now);
                    partition.deleteExpiredFiles();
                } catch (RuntimeException e) {
                    log.warn("Maintenance of {}-{} failed: {}", topic.name(), topic.partitions().indexOf(partition), e.toString());
                }
            }
        }
    }

    /** Flushes and closes every partition, marking the shutdown clean. */
    @Override
    public synchronized void close() {
        for (Topic topic : byName.values()) {
            for (PartitionLog partition : topic.partitions()) {
                try {
                    partition.close();
                } catch (RuntimeException e) {
                    log.warn("Closing a partition of {} failed: {}", topic.name(), e.toString());
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
