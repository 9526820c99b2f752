package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.GroupCoordinator.OffsetDeleteResult;
import io.tributary.broker.internal.topic.LogManager;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.OffsetDeleteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OffsetDelete: removes a group's committed offsets of some partitions. Refused per partition with
 * GROUP_SUBSCRIBED_TO_TOPIC while a member of the group subscribes to the topic.
 */
public final class OffsetDeleteHandler implements ApiHandler {
    private final GroupCoordinator coordinator;
    private final LogManager logs;

    public OffsetDeleteHandler(GroupCoordinator coordinator, LogManager logs) {
        this.coordinator = coordinator;
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_DELETE;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        OffsetDeleteRequestData req = ((OffsetDeleteRequest) request).data();
        List<TopicPartition> partitions = new ArrayList<>();
        req.topics().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partitionIndex()))));
        OffsetDeleteResult result = coordinator.deleteOffsets(req.groupId(), partitions);
        OffsetDeleteResponseData resp = new OffsetDeleteResponseData().setErrorCode(result.error().code());
        if (result.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(resp);
        }
        for (OffsetDeleteRequestData.OffsetDeleteRequestTopic t : req.topics()) {
            OffsetDeleteResponseTopic rt = new OffsetDeleteResponseTopic().setName(t.name());
            boolean exists = logs.topic(t.name()).isPresent();
            for (OffsetDeleteRequestData.OffsetDeleteRequestPartition p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                Errors error = result.subscribed().contains(tp) ? Errors.GROUP_SUBSCRIBED_TO_TOPIC
                        : exists ? Errors.NONE : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                rt.partitions().add(new OffsetDeleteResponsePartition().setPartitionIndex(p.partitionIndex()).setErrorCode(error.code()));
            }
            resp.topics().add(rt);
        }
        return CompletableFuture.completedFuture(resp);
    }
}
