package io.tributary.broker.internal.api;

import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.MetadataRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Metadata: this broker as the only node, leader and sole replica of every partition, and each
 * topic with its real topic id (clients on Produce v13 / Fetch v13+ address topics by id).
 */
public final class MetadataHandler implements ApiHandler {
    private final BrokerIdentity broker;
    private final TopicAccess topics;

    public MetadataHandler(BrokerIdentity broker, TopicAccess topics) {
        this.broker = broker;
        this.topics = topics;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.METADATA;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        MetadataRequestData req = ((MetadataRequest) request).data();
        short version = context.apiVersion();
        MetadataResponseData resp = new MetadataResponseData();
        resp.brokers().add(new MetadataResponseData.MetadataResponseBroker()
                .setNodeId(broker.nodeId()).setHost(broker.host()).setPort(broker.port()));
        if (version >= 1) {
            resp.setControllerId(broker.nodeId());
        }
        if (version >= 2) {
            resp.setClusterId(broker.clusterId());
        }
        boolean allTopics = req.topics() == null || (version == 0 && req.topics().isEmpty());
        if (allTopics) {
            for (Topic topic : topics.logs().topics()) {
                resp.topics().add(describe(topic, version));
            }
        } else {
            boolean allowCreate = version < 4 || req.allowAutoTopicCreation();
            for (MetadataRequestData.MetadataRequestTopic wanted : req.topics()) {
                resp.topics().add(lookup(wanted, allowCreate, version));
            }
        }
        return CompletableFuture.completedFuture(resp);
    }

    private MetadataResponseTopic lookup(MetadataRequestData.MetadataRequestTopic wanted, boolean allowCreate, short version) {
        if (wanted.name() == null) {
            Uuid id = wanted.topicId();
            return topics.logs().topic(id).map(t -> describe(t, version))
                    .orElseGet(() -> new MetadataResponseTopic().setTopicId(id).setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
        }
        try {
            return describe(topics.get(wanted.name(), allowCreate), version);
        } catch (RuntimeException e) {
            return new MetadataResponseTopic().setName(wanted.name()).setErrorCode(Errors.forException(e).code());
        }
    }

    private MetadataResponseTopic describe(Topic topic, short version) {
        MetadataResponseTopic t = new MetadataResponseTopic().setName(topic.name()).setIsInternal(false);
        if (version >= 10) {
            t.setTopicId(topic.id());
        }
        List<Integer> replicas = List.of(broker.nodeId());
        List<MetadataResponsePartition> partitions = new ArrayList<>();
        for (int p = 0; p < topic.partitionCount(); p++) {
            MetadataResponsePartition part = new MetadataResponsePartition()
                    .setPartitionIndex(p).setLeaderId(broker.nodeId())
                    .setReplicaNodes(replicas).setIsrNodes(replicas);
            if (version >= 7) {
                part.setLeaderEpoch(0);
            }
            partitions.add(part);
        }
        return t.setPartitions(partitions);
    }
}
