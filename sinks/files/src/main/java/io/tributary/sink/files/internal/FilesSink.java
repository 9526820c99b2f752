package io.tributary.sink.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.RejectedRecord;
import io.tributary.sink.api.RetriableSinkException;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkContext;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.files.FilesSinkConfig;
import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;
import io.tributary.sink.mapping.Mapping;
import io.tributary.sink.mapping.internal.RowExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes records as time-partitioned JSON Lines (gzip) or Parquet files, exactly once.
 *
 * <h2>Layout</h2>
 * {@code <path>/<topic>/dt=YYYY-MM-DD/hour=HH/<topic>-<partition>-<first>-<last>.jsonl.gz} (UTC),
 * one compact JSON object per line, or {@code ...-<last>.parquet} with the typed columns of the
 * sink's mapping ({@link ParquetFormat}); rejected records (not a JSON object, or, for Parquet,
 * not fitting the mapping) as
 * {@code {"topic","partition","offset","timestamp","reason","raw"}} lines under
 * {@code <path>/_rejects/<topic>/dt=.../hour=.../} with the same naming.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Each file covers a contiguous run of one partition's records (no record of that
 *       partition between {@code first} and {@code last} is elsewhere): the records are cut into
 *       runs whenever the folder changes.</li>
 *   <li>Files are written to {@code <path>/.tmp/<instance>/}, forced to disk, and published at
 *       commit by hard link (atomic, never replacing), in offset order per partition. So the
 *       published files of a partition always form a prefix of it, and the next offset is the
 *       largest published {@code last} + 1: {@link #assigned} scans for it. A crash leaves
 *       only temp files, removed at a later open once stale.</li>
 * </ul>
 * Not thread-safe: the runner drives it from one thread.
 */
public final class FilesSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(FilesSink.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    private static final long STALE_TEMP_MILLIS = 10 * 60_000L;
    static final String REJECTS = "_rejects";

    private final FilesSinkConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final Path root;
    /** Null for jsonl-gzip; for parquet the mapping's file format and row extraction. */
    private final ParquetFormat parquet;
    private final RowExtractor extractor;
    /** The row index holding the event time ({@code $.timestamp} as a timestamp column), or -1. */
    private final int timeColumn;
    private final Map<SinkPartition, RunFile<?>> open = new HashMap<>();
    private final List<RunFile<?>> finished = new ArrayList<>();
    private Path tempDir;
    private long tempCounter;
    private String name;

    public FilesSink(FilesSinkConfig config) {
        this.config = config;
        this.root = config.path().toAbsolutePath().normalize();
        Mapping mapping = config.parquet() ? config.resolvedMapping() : null;
        this.parquet = mapping == null ? null : new ParquetFormat(mapping);
        this.extractor = mapping == null ? null : new RowExtractor(mapping);
        this.timeColumn = mapping == null || !config.eventTime() ? -1 : timeColumn(mapping);
    }

    private static int timeColumn(Mapping mapping) {
        for (int i = 0; i < mapping.columns().size(); i++) {
            ColumnSpec column = mapping.columns().get(i);
            if (column.path().equals("$.timestamp") && column.type() == ColumnType.TIMESTAMP) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void open(SinkContext context) throws SinkException {
        name = context.name();
        if (context.deadLetter() instanceof DeadLetter.Table) {
            throw new SinkException("dead-letter.table: the files sink writes no tables; leave dead-letter out "
                    + "(rejects go to " + root.resolve(REJECTS) + ") or give {topic: NAME}");
        }
        try {
            Files.createDirectories(root);
            Path temps = root.resolve(".tmp");
            Files.createDirectories(temps);
            removeStaleTemps(temps);
            tempDir = Files.createDirectory(temps.resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new SinkException("cannot prepare " + root + ": " + e.getMessage(), e);
        }
        if (parquet == null) {
            log.info("sink {}: writing JSON Lines (gzip) under {}", name, root);
        } else {
            log.info("sink {}: writing Parquet under {}, columns {}", name, root, parquet.schema().getFields().stream()
                    .map(f -> f.getName() + " " + f.asPrimitiveType().getPrimitiveTypeName()).toList());
        }
    }

    private static void removeStaleTemps(Path temps) throws IOException {
        long cutoff = System.currentTimeMillis() - STALE_TEMP_MILLIS;
        try (Stream<Path> dirs = Files.list(temps)) {
            for (Path dir : dirs.toList()) {
                if (Files.getLastModifiedTime(dir).toMillis() < cutoff) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        }
    }

    @Override
    public boolean storesOffsets() {
        return true;
    }

    @Override
    public Map<SinkPartition, Long> assigned(Set<SinkPartition> partitions) throws SinkException {
        Map<SinkPartition, Long> next = new HashMap<>();
        Set<String> topics = new LinkedHashSet<>();
        partitions.forEach(p -> topics.add(p.topic()));
        try {
            for (String topic : topics) {
                for (Path base : List.of(root.resolve(topic), root.resolve(REJECTS).resolve(topic))) {
                    if (!Files.isDirectory(base)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.walk(base)) {
                        files.forEach(f -> {
                            FileName n = FileName.parse(f.getFileName().toString());
                            if (n != null && n.topic().equals(topic)) {
                                SinkPartition p = new SinkPartition(topic, n.partition());
                                if (partitions.contains(p)) {
                                    next.merge(p, n.last() + 1, Math::max);
                                }
                            }
                        });
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RetriableSinkException("cannot scan " + root + " for published files: " + e.getMessage(), e);
        }
        return next;
    }

    @Override
    public List<RejectedRecord> write(List<SinkRecord> records) throws SinkException {
        List<RejectedRecord> rejected = new ArrayList<>();
        try {
            for (SinkRecord record : records) {
                if (parquet != null) {
                    writeRow(record, rejected);
                    continue;
                }
                JsonNode event = parse(record);
                if (event == null) {
                    reject(record, record.value() == null ? "empty record (null value)" : "not a JSON object", rejected);
                    continue;
                }
                Path folder = folder(root.resolve(record.topic()), eventTime(event, record));
                runFor(record, folder, JsonLinesFormat.INSTANCE).append(record.offset(), json.writeValueAsBytes(event));
            }
        } catch (IOException e) {
            throw new RetriableSinkException("cannot write under " + root + ": " + e.getMessage(), e);
        }
        return rejected;
    }

    /**
     * Parquet: the mapping's extraction parses the record (and rejects what does not fit); the
     * folder's time comes from the row when a timestamp column reads {@code $.timestamp} (one
     * parse per record), else from the event as for JSON Lines.
     */
    private void writeRow(SinkRecord record, List<RejectedRecord> rejected) throws IOException {
        Object[] row;
        try {
            row = extractor.extract(record);
        } catch (RowExtractor.Rejected e) {
            reject(record, e.getMessage(), rejected);
            return;
        }
        Instant time;
        if (timeColumn >= 0) {
            time = row[timeColumn] != null ? (Instant) row[timeColumn] : Instant.ofEpochMilli(record.timestampMs());
        } else {
            JsonNode event = config.eventTime() ? parse(record) : null;
            time = event != null ? eventTime(event, record) : Instant.ofEpochMilli(record.timestampMs());
        }
        runFor(record, folder(root.resolve(record.topic()), time), parquet).append(record.offset(), row);
    }

    /** Rejects go, whatever the format, as JSON Lines to {@code _rejects/}: their raw bytes fit no typed column. */
    private void reject(SinkRecord record, String reason, List<RejectedRecord> rejected) throws IOException {
        rejected.add(new RejectedRecord(record, reason));
        Path folder = folder(root.resolve(REJECTS).resolve(record.topic()), Instant.ofEpochMilli(record.timestampMs()));
        runFor(record, folder, JsonLinesFormat.INSTANCE).append(record.offset(), rejectLine(record, reason));
    }

    /** The partition's open run if it has this folder and format, else a new one (the old one is finished). */
    @SuppressWarnings("unchecked") // the format check makes the cast safe: a RunFile's T is its format's
    private <T> RunFile<T> runFor(SinkRecord record, Path folder, FileFormat<T> format) throws IOException {
        SinkPartition p = record.topicPartition();
        RunFile<?> run = open.get(p);
        if (run != null && run.folder().equals(folder) && run.format() == format) {
            return (RunFile<T>) run;
        }
        if (run != null) {
            run.finish();
            finished.add(run);
        }
        RunFile<T> created = new RunFile<>(tempDir.resolve((tempCounter++) + ".tmp"), folder, format, record.topic(), record.partition(), record.offset());
        open.put(p, created);
        return created;
    }

    private JsonNode parse(SinkRecord record) {
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(record.value());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Instant eventTime(JsonNode event, SinkRecord record) {
        if (config.eventTime()) {
            JsonNode ts = event.get("timestamp");
            if (ts != null && ts.isIntegralNumber()) {
                return Instant.ofEpochMilli(ts.longValue());
            }
            if (ts != null && ts.isTextual()) {
                try {
                    return OffsetDateTime.parse(ts.asText()).toInstant();
                } catch (DateTimeParseException e) {
                    // fall back to the record's time
                }
            }
        }
        return Instant.ofEpochMilli(record.timestampMs());
    }

    private static Path folder(Path base, Instant time) {
        return base.resolve("dt=" + DAY.format(time)).resolve("hour=" + HOUR.format(time));
    }

    private byte[] rejectLine(SinkRecord record, String reason) throws IOException {
        ObjectNode line = json.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestampMs());
        line.put("reason", reason);
        line.put("raw", record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
        return json.writeValueAsBytes(line);
    }

    @Override
    public void commit(Map<SinkPartition, Long> nextOffsets) throws SinkException {
        try {
            for (RunFile<?> run : open.values()) {
                run.finish();
                finished.add(run);
            }
            open.clear();
            // finished is in creation order, which per partition is offset order.
            Set<Path> folders = new LinkedHashSet<>();
            for (RunFile<?> run : finished) {
                run.finish();
                Path published = run.publish();
                folders.add(published.getParent());
            }
            finished.clear();
            for (Path folder : folders) {
                forceDirectory(folder);
            }
            Files.setLastModifiedTime(tempDir, FileTime.fromMillis(System.currentTimeMillis())); // not stale while in use
        } catch (IOException e) {
            throw new RetriableSinkException("cannot publish files under " + root + ": " + e.getMessage(), e);
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public void abort() {
        open.values().forEach(RunFile::discard);
        open.clear();
        finished.forEach(RunFile::discard);
        finished.clear();
    }

    @Override
    public void close() {
        abort();
        if (tempDir != null) {
            try {
                Files.deleteIfExists(tempDir);
            } catch (IOException e) {
                log.debug("could not remove {}", tempDir, e);
            }
        }
    }
}
