package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OffsetCommit: validates the member and generation (or accepts a commit for a group without
 * members), checks each partition exists, then writes the offsets durably before answering.
 * Topic ids address topics from the version {@link OffsetCommitResponse#useTopicIds} says.
 */
public final class OffsetCommitHandler implements ApiHandler {
    private static final Logger log = LoggerFactory.getLogger(OffsetCommitHandler.class);
    /** Kafka's offset.metadata.max.bytes default. */
    static final int MAX_METADATA_CHARS = 4096;

    private final GroupCoordinator coordinator;
    private final LogManager logs;
    private final Clock clock;

    public OffsetCommitHandler(GroupCoordinator coordinator, LogManager logs, Clock clock) {
        this.coordinator = coordinator;
        this.logs = logs;
        this.clock = clock;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_COMMIT;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        OffsetCommitRequestData req = ((OffsetCommitRequest) request).data();
        boolean byId = OffsetCommitResponse.useTopicIds(context.apiVersion());
        long now = clock.millis();
        OffsetCommitResponseData resp = new OffsetCommitResponseData();
        Map<TopicPartition, CommittedOffset> commits = new LinkedHashMap<>();
        Map<OffsetCommitResponsePartition, TopicPartition> pending = new LinkedHashMap<>();
        for (OffsetCommitRequestData.OffsetCommitRequestTopic t : req.topics()) {
            OffsetCommitResponseTopic rt = new OffsetCommitResponseTopic();
            Topic topic;
            Errors missing;
            if (byId) {
                rt.setTopicId(t.topicId());
                topic = logs.topic(t.topicId()).orElse(null);
                missing = Errors.UNKNOWN_TOPIC_ID;
            } else {
                rt.setName(t.name());
                topic = logs.topic(t.name()).orElse(null);
                missing = Errors.UNKNOWN_TOPIC_OR_PARTITION;
            }
            for (OffsetCommitRequestData.OffsetCommitRequestPartition p : t.partitions()) {
                OffsetCommitResponsePartition rp = new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex());
                rt.partitions().add(rp);
                if (topic == null) {
                    rp.setErrorCode(missing.code());
                } else if (topic.partition(p.partitionIndex()) == null) {
                    rp.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                } else if (p.committedMetadata() != null && p.committedMetadata().length() > MAX_METADATA_CHARS) {
                    rp.setErrorCode(Errors.OFFSET_METADATA_TOO_LARGE.code());
                } else {
                    TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                    commits.put(tp, new CommittedOffset(p.committedOffset(), p.committedLeaderEpoch(), p.committedMetadata(), now));
                    pending.put(rp, tp);
                }
            }
            resp.topics().add(rt);
        }
        Errors error;
        try {
            error = coordinator.commit(req.groupId(), req.memberId(), req.groupInstanceId(), req.generationIdOrMemberEpoch(), commits);
        } catch (KafkaStorageException e) {
            log.warn("OffsetCommit of group {} failed: {}", req.groupId(), e.getMessage());
            error = Errors.KAFKA_STORAGE_ERROR;
        }
        for (OffsetCommitResponsePartition rp : pending.keySet()) {
            rp.setErrorCode(error.code());
        }
        return CompletableFuture.completedFuture(resp);
    }
}
