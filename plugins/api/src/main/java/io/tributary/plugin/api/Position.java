package io.tributary.plugin.api;

import java.util.Objects;

/**
 * An opaque place in a source's input, checkpointed by the agent.
 *
 * <p>{@code key} names one independent stream of the source (for a file tailer: the file's
 * identity, e.g. device+inode+fingerprint); {@code value} is where in that stream the event
 * ends (e.g. the byte offset after the line). The agent never interprets either string: the
 * plugin encodes and decodes them.
 *
 * <p>Checkpoint contract: for each key, the agent stores the position of the last event for
 * which that event <em>and every earlier event of the same key</em> were acknowledged by the
 * broker. On restart the source receives these positions through
 * {@link SourceContext#restoredPositions()} and resumes after them, so a crash produces
 * duplicates only from the unacknowledged tail, never a gap.
 *
 * @param key   the stream this position belongs to; non-empty, at most 1024 characters
 * @param value the encoded place in that stream; non-null, at most 4096 characters
 */
public record Position(String key, String value) {
    /** Longest accepted key, so a checkpoint file stays small. */
    public static final int MAX_KEY_LENGTH = 1024;
    /** Longest accepted value. */
    public static final int MAX_VALUE_LENGTH = 4096;

    public Position {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("position key must have 1.." + MAX_KEY_LENGTH + " characters");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("position value must have at most " + MAX_VALUE_LENGTH + " characters");
        }
    }

    /** Convenience for the common "offset in a stream" case. */
    public static Position of(String key, long offset) {
        return new Position(key, Long.toString(offset));
    }

    /** The value as a number, for positions made with {@link #of(String, long)}. */
    public long valueAsLong() {
        return Long.parseLong(value);
    }
}
