package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OffsetFetch: the committed offsets of one group (v1-7) or several (v8+), for the listed
 * partitions or, with a null topic list, every partition the group has committed. A partition
 * without a commit gets offset -1 (the consumer then applies auto.offset.reset). The response is
 * built in the multi-group form and converted for older versions by kafka-clients' own builder.
 */
public final class OffsetFetchHandler implements ApiHandler {
    private final GroupCoordinator coordinator;
    private final LogManager logs;

    public OffsetFetchHandler(GroupCoordinator coordinator, LogManager logs) {
        this.coordinator = coordinator;
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FETCH;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        OffsetFetchRequest req = (OffsetFetchRequest) request;
        short version = context.apiVersion();
        boolean byId = OffsetFetchRequest.useTopicIds(version);
        List<OffsetFetchResponseGroup> groups = new ArrayList<>();
        for (OffsetFetchRequestGroup g : req.groups()) {
            groups.add(fetch(g, byId));
        }
        return CompletableFuture.completedFuture(new OffsetFetchResponse.Builder(groups).build(version).data());
    }

    private OffsetFetchResponseGroup fetch(OffsetFetchRequestGroup g, boolean byId) {
        Map<TopicPartition, CommittedOffset> committed = coordinator.committed(g.groupId());
        OffsetFetchResponseGroup group = new OffsetFetchResponseGroup().setGroupId(g.groupId());
        if (g.topics() == null) {
            Map<String, List<OffsetFetchResponsePartitions>> byTopic = new TreeMap<>();
            committed.forEach((tp, offset) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                    .add(partition(tp.partition(), offset)));
            byTopic.forEach((name, partitions) -> {
                OffsetFetchResponseTopics t = new OffsetFetchResponseTopics().setPartitions(partitions);
                if (byId) {
                    Topic topic = logs.topic(name).orElse(null);
                    if (topic == null) {
                        return;
                    }
                    t.setTopicId(topic.id());
                } else {
                    t.setName(name);
                }
                group.topics().add(t);
            });
            return group;
        }
        for (OffsetFetchRequestTopics rt : g.topics()) {
            OffsetFetchResponseTopics t = new OffsetFetchResponseTopics();
            String name;
            if (byId) {
                t.setTopicId(rt.topicId());
                name = logs.topic(rt.topicId()).map(Topic::name).orElse(null);
            } else {
                t.setName(rt.name());
                name = rt.name();
            }
            for (int p : rt.partitionIndexes()) {
                if (name == null) {
                    t.partitions().add(partition(p, null).setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
                } else {
                    t.partitions().add(partition(p, committed.get(new TopicPartition(name, p))));
                }
            }
            group.topics().add(t);
        }
        return group;
    }

    private static OffsetFetchResponsePartitions partition(int index, CommittedOffset offset) {
        OffsetFetchResponsePartitions p = new OffsetFetchResponsePartitions().setPartitionIndex(index);
        if (offset == null) {
            return p.setCommittedOffset(-1).setCommittedLeaderEpoch(-1).setMetadata(OffsetFetchResponse.NO_METADATA);
        }
        return p.setCommittedOffset(offset.offset()).setCommittedLeaderEpoch(offset.leaderEpoch())
                .setMetadata(offset.metadata() == null ? OffsetFetchResponse.NO_METADATA : offset.metadata());
    }
}
