package io.tributary.streams.internal;

import io.tributary.streams.Message;
import org.apache.kafka.common.TopicPartition;

/**
 * A message on its way to a stream, tagged with the assignment epoch of its partition so that
 * positions reported after the partition was revoked (and maybe re-assigned) are ignored.
 */
public record Envelope(Message message, TopicPartition partition, long epoch) {
}
