package io.tributary.broker.internal.api;

import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import io.tributary.broker.internal.topic.TopicNames;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.Map;
import java.util.Optional;

/** Topic lookup for Metadata and Produce, creating unknown topics when auto-creation is on. */
public final class TopicAccess {
    private final LogManager logs;
    private final boolean autoCreate;
    private final int defaultPartitions;

    public TopicAccess(LogManager logs, boolean autoCreate, int defaultPartitions) {
        this.logs = logs;
        this.autoCreate = autoCreate;
        this.defaultPartitions = defaultPartitions;
    }

    public LogManager logs() {
        return logs;
    }

    public int defaultPartitions() {
        return defaultPartitions;
    }

    /**
     * The named topic, auto-created if that is allowed by both the broker setting and the
     * client's request.
     *
     * @throws org.apache.kafka.common.errors.InvalidTopicException for an illegal name
     * @throws UnknownTopicOrPartitionException                     when absent and not created
     */
    public Topic get(String name, boolean clientAllowsCreation) {
        Optional<Topic> existing = logs.topic(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        TopicNames.validate(name);
        if (!autoCreate || !clientAllowsCreation) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        try {
            return logs.createTopic(name, defaultPartitions, Map.of(), false);
        } catch (TopicExistsException raced) {
            return logs.topic(name).orElseThrow(() -> raced);
        }
    }
}
