package io.tributary.broker.internal.group;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Committed offsets of every group: an in-memory map backed by the durable {@link OffsetsLog}.
 * A commit is appended to the log (and fsynced if the flush policy says so) before the map changes
 * and before the caller acknowledges it, so an acknowledged commit survives a crash of the broker
 * process; fsync per {@code offsetsFlushMessages}/{@code offsetsFlushMs} makes it survive power loss.
 *
 * <p>Thread-safety: every method is synchronized. Callers may hold a group lock while calling in;
 * this class never calls out, so the lock order is always group, then store.
 */
public final class OffsetStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OffsetStore.class);

    private final Map<String, Map<TopicPartition, CommittedOffset>> offsets = new HashMap<>();
    private final OffsetsLog file;
    private final GroupConfig config;
    private final Clock clock;
    private long oldestUnflushedMs = -1;
    private long sizeAfterCompaction;

    private OffsetStore(OffsetsLog file, GroupConfig config, Clock clock) {
        this.file = file;
        this.config = config;
        this.clock = clock;
    }

    /** Opens {@code dir} (usually {@code <data-dir>/.groups}), replaying and recovering its log. */
    public static OffsetStore open(Path dir, GroupConfig config, Clock clock) throws IOException {
        Map<String, Map<TopicPartition, CommittedOffset>> replayed = new HashMap<>();
        OffsetsLog file = OffsetsLog.open(dir, record -> apply(replayed, record));
        OffsetStore store = new OffsetStore(file, config, clock);
        store.offsets.putAll(replayed);
        store.sizeAfterCompaction = file.size();
        int count = replayed.values().stream().mapToInt(Map::size).sum();
        if (count > 0) {
            log.info("Loaded {} committed offset(s) of {} group(s) from {}", count, replayed.size(), file.currentFile());
        }
        return store;
    }

    private static void apply(Map<String, Map<TopicPartition, CommittedOffset>> map, OffsetsLogRecord record) {
        if (record instanceof OffsetsLogRecord.Commit c) {
            map.computeIfAbsent(c.group(), g -> new HashMap<>()).put(new TopicPartition(c.topic(), c.partition()), c.value());
        } else if (record instanceof OffsetsLogRecord.DeleteOffset d) {
            Map<TopicPartition, CommittedOffset> group = map.get(d.group());
            if (group != null) {
                group.remove(new TopicPartition(d.topic(), d.partition()));
                if (group.isEmpty()) {
                    map.remove(d.group());
                }
            }
        } else if (record instanceof OffsetsLogRecord.DeleteGroup d) {
            map.remove(d.group());
        }
    }

    /** Durably records the offsets; throws {@link KafkaStorageException} if the log cannot be written. */
    public synchronized void commit(String group, Map<TopicPartition, CommittedOffset> commits) {
        List<OffsetsLogRecord> records = new ArrayList<>(commits.size());
        commits.forEach((tp, value) -> records.add(new OffsetsLogRecord.Commit(group, tp.topic(), tp.partition(), value)));
        write(records);
    }

    public synchronized Map<TopicPartition, CommittedOffset> offsets(String group) {
        Map<TopicPartition, CommittedOffset> map = offsets.get(group);
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }

    public synchronized boolean hasOffsets(String group) {
        return offsets.containsKey(group);
    }

    public synchronized Set<String> groups() {
        return Set.copyOf(offsets.keySet());
    }

    /** The newest commit timestamp of the group, or -1 if it has no offsets. */
    public synchronized long lastCommitMs(String group) {
        Map<TopicPartition, CommittedOffset> map = offsets.get(group);
        return map == null ? -1 : map.values().stream().mapToLong(CommittedOffset::commitTimestampMs).max().orElse(-1);
    }

    public synchronized void deleteGroup(String group) {
        if (offsets.containsKey(group)) {
            write(List.of(new OffsetsLogRecord.DeleteGroup(group)));
        }
    }

    /** Removes the group's offsets of the given partitions (absent ones are ignored). */
    public synchronized void deleteOffsets(String group, Collection<TopicPartition> partitions) {
        Map<TopicPartition, CommittedOffset> map = offsets.get(group);
        if (map == null) {
            return;
        }
        List<OffsetsLogRecord> records = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (map.containsKey(tp)) {
                records.add(new OffsetsLogRecord.DeleteOffset(group, tp.topic(), tp.partition()));
            }
        }
        if (!records.isEmpty()) {
            write(records);
        }
    }

    /** Removes the offsets of every group for topics that {@code topicExists} rejects; returns how many. */
    public synchronized int dropTopicsThatAreGone(Predicate<String> topicExists) {
        List<OffsetsLogRecord> records = new ArrayList<>();
        offsets.forEach((group, map) -> map.keySet().forEach(tp -> {
            if (!topicExists.test(tp.topic())) {
                records.add(new OffsetsLogRecord.DeleteOffset(group, tp.topic(), tp.partition()));
            }
        }));
        if (!records.isEmpty()) {
            write(records);
        }
        return records.size();
    }

    private void write(List<OffsetsLogRecord> records) {
        try {
            file.append(records);
            long now = clock.millis();
            if (oldestUnflushedMs < 0) {
                oldestUnflushedMs = now;
            }
            if (file.unflushedRecords() >= config.offsetsFlushMessages()) {
                flush();
            }
        } catch (IOException e) {
            throw new KafkaStorageException("Could not write the offsets log " + file.currentFile() + ": " + e.getMessage(), e);
        }
        for (OffsetsLogRecord record : records) {
            apply(offsets, record);
        }
    }

    private void flush() throws IOException {
        file.flush();
        oldestUnflushedMs = -1;
    }

    /** The flush.ms policy and compaction; called by the broker's maintenance thread. */
    public synchronized void runMaintenance() {
        try {
            if (oldestUnflushedMs >= 0 && clock.millis() - oldestUnflushedMs >= config.offsetsFlushMs()) {
                flush();
            }
            if (file.size() - sizeAfterCompaction >= config.offsetsCompactBytes()) {
                compact();
            }
        } catch (IOException e) {
            log.warn("Maintenance of the offsets log {} failed: {}", file.currentFile(), e.toString());
        }
    }

    /** Rewrites the log as just the live offsets (see {@link OffsetsLog#replaceWith}). */
    synchronized void compact() throws IOException {
        List<OffsetsLogRecord.Commit> live = new ArrayList<>();
        offsets.forEach((group, map) -> map.forEach((tp, value) ->
                live.add(new OffsetsLogRecord.Commit(group, tp.topic(), tp.partition(), value))));
        long before = file.size();
        file.replaceWith(live);
        oldestUnflushedMs = -1;
        sizeAfterCompaction = file.size();
        log.info("Compacted the offsets log to {}: {} live offset(s), {} -> {} bytes", file.currentFile(), live.size(),
                before, file.size());
    }

    synchronized long logSize() {
        return file.size();
    }

    synchronized Path currentFile() {
        return file.currentFile();
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            log.warn("Closing the offsets log {} failed: {}", file.currentFile(), e.toString());
        }
    }
}
