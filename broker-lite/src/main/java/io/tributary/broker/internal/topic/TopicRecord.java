package io.tributary.broker.internal.topic;

import java.util.Map;

/**
 * What {@code <data-dir>/.topics/<name>.json} holds: the durable definition of a topic. The
 * file is the topic's commit point: it is written (atomically) after the partition
 * directories exist, and removed before they are deleted.
 */
record TopicRecord(String name, String id, int partitions, Map<String, String> configs) {
}
