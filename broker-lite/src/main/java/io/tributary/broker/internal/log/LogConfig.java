package io.tributary.broker.internal.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.errors.InvalidConfigurationException;

/**
 * Per-topic storage settings of a {@link PartitionLog}, named and defaulted like Kafka's topic configs.
 *
 * <p>Invariants (checked by the canonical constructor, which throws {@link InvalidConfigurationException}
 * naming the Kafka key): {@code segmentBytes >= 14}, {@code segmentMs >= 1}, {@code retentionMs >= -1},
 * {@code retentionBytes >= -1}, {@code flushMessages >= 1}, {@code flushMs >= 0},
 * {@code indexIntervalBytes >= 0}, {@code maxMessageBytes >= 0}, {@code fileDeleteDelayMs >= 0}.
 * {@code -1} means unlimited for the two retention settings; {@link Long#MAX_VALUE} switches the two flush
 * policies off.
 *
 * <p>Immutable and thread-safe.
 *
 * @param segmentBytes       {@code segment.bytes}: roll the active segment when an append would make it bigger
 * @param segmentMs          {@code segment.ms}: roll the active segment once it is older than this
 * @param retentionMs        {@code retention.ms}: delete segments whose newest record is older; -1 = forever
 * @param retentionBytes     {@code retention.bytes}: delete oldest segments while the log is bigger; -1 = no limit
 * @param flushMessages      {@code flush.messages}: fsync after this many unflushed messages
 * @param flushMs            {@code flush.ms}: fsync when the last flush is older than this
 * @param indexIntervalBytes {@code index.interval.bytes}: bytes between two offset-index entries
 * @param maxMessageBytes    {@code max.message.bytes}: largest record batch accepted, log overhead included
 * @param fileDeleteDelayMs  {@code file.delete.delay.ms}: how long deleted segment files stay readable
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        long retentionMs,
        long retentionBytes,
        long flushMessages,
        long flushMs,
        int indexIntervalBytes,
        int maxMessageBytes,
        long fileDeleteDelayMs) {

    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";

    private static final long SEVEN_DAYS_MS = 7L * 24 * 60 * 60 * 1000;
    /** Smallest possible record (a v0 record's overhead), Kafka's historical lower bound for segment.bytes. */
    private static final int MIN_SEGMENT_BYTES = 14;

    private static final Set<String> KEYS = Set.of(SEGMENT_BYTES, SEGMENT_MS, RETENTION_MS, RETENTION_BYTES,
            FLUSH_MESSAGES, FLUSH_MS, INDEX_INTERVAL_BYTES, MAX_MESSAGE_BYTES, FILE_DELETE_DELAY_MS);

    private static final LogConfig DEFAULTS = new LogConfig(1024 * 1024 * 1024, SEVEN_DAYS_MS, SEVEN_DAYS_MS, -1L,
            Long.MAX_VALUE, Long.MAX_VALUE, 4096, 1048588, 60_000L);

    public LogConfig {
        atLeast(SEGMENT_BYTES, segmentBytes, MIN_SEGMENT_BYTES);
        atLeast(SEGMENT_MS, segmentMs, 1);
        atLeast(RETENTION_MS, retentionMs, -1);
        atLeast(RETENTION_BYTES, retentionBytes, -1);
        atLeast(FLUSH_MESSAGES, flushMessages, 1);
        atLeast(FLUSH_MS, flushMs, 0);
        atLeast(INDEX_INTERVAL_BYTES, indexIntervalBytes, 0);
        atLeast(MAX_MESSAGE_BYTES, maxMessageBytes, 0);
        atLeast(FILE_DELETE_DELAY_MS, fileDeleteDelayMs, 0);
    }

    /** Kafka's defaults: 1 GiB / 7-day segments, 7-day retention, no size limit, flushing left to the OS. */
    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /** The Kafka topic config names this class understands. */
    public static Set<String> supportedKeys() {
        return KEYS;
    }

    /**
     * Returns a copy with the given Kafka topic configs applied on top of this one.
     *
     * @throws InvalidConfigurationException for an unknown key or a value that is not a number or out of range;
     *                                       the message names the key and the reason
     */
    public LogConfig withOverrides(Map<String, String> overrides) {
        int segBytes = segmentBytes;
        long segMs = segmentMs;
        long retMs = retentionMs;
        long retBytes = retentionBytes;
        long flushMsgs = flushMessages;
        long flMs = flushMs;
        int idxInterval = indexIntervalBytes;
        int maxMsg = maxMessageBytes;
        long deleteDelay = fileDeleteDelayMs;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key == null ? "" : key) {
                case SEGMENT_BYTES -> segBytes = parseInt(key, value);
                case SEGMENT_MS -> segMs = parseLong(key, value);
                case RETENTION_MS -> retMs = parseLong(key, value);
                case RETENTION_BYTES -> retBytes = parseLong(key, value);
                case FLUSH_MESSAGES -> flushMsgs = parseLong(key, value);
                case FLUSH_MS -> flMs = parseLong(key, value);
                case INDEX_INTERVAL_BYTES -> idxInterval = parseInt(key, value);
                case MAX_MESSAGE_BYTES -> maxMsg = parseInt(key, value);
                case FILE_DELETE_DELAY_MS -> deleteDelay = parseLong(key, value);
                default -> throw new InvalidConfigurationException(
                        "Unknown topic configuration '" + key + "': supported keys are " + new TreeSet<>(KEYS));
            }
        }
        return new LogConfig(segBytes, segMs, retMs, retBytes, flushMsgs, flMs, idxInterval, maxMsg, deleteDelay);
    }

    /** Every supported key with its current value, as DescribeConfigs reports them. */
    public Map<String, String> toKafkaConfigs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SEGMENT_BYTES, Integer.toString(segmentBytes));
        m.put(SEGMENT_MS, Long.toString(segmentMs));
        m.put(RETENTION_MS, Long.toString(retentionMs));
        m.put(RETENTION_BYTES, Long.toString(retentionBytes));
        m.put(FLUSH_MESSAGES, Long.toString(flushMessages));
        m.put(FLUSH_MS, Long.toString(flushMs));
        m.put(INDEX_INTERVAL_BYTES, Integer.toString(indexIntervalBytes));
        m.put(MAX_MESSAGE_BYTES, Integer.toString(maxMessageBytes));
        m.put(FILE_DELETE_DELAY_MS, Long.toString(fileDeleteDelayMs));
        return m;
    }

    private static long parseLong(String key, String value) {
        if (value == null) {
            throw new InvalidConfigurationException("Invalid value null for configuration " + key + ": a value is required");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(
                    "Invalid value '" + value + "' for configuration " + key + ": not a valid long");
        }
    }

    private static int parseInt(String key, String value) {
        long v = parseLong(key, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(
                    "Invalid value '" + value + "' for configuration " + key + ": must fit in a 32-bit int");
        }
        return (int) v;
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new InvalidConfigurationException(
                    "Invalid value " + value + " for configuration " + key + ": must be at least " + min);
        }
    }
}
