package io.tributary.broker.internal.api;

import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.CreateTopicsRequest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CreateTopics. broker-lite is one node, so the replication factor must be 1 (or -1, "broker
 * default"), and explicit replica assignments may only name this broker.
 */
public final class CreateTopicsHandler implements ApiHandler {
    private final BrokerIdentity broker;
    private final TopicAccess topics;

    public CreateTopicsHandler(BrokerIdentity broker, TopicAccess topics) {
        this.broker = broker;
        this.topics = topics;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_TOPICS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        CreateTopicsRequestData req = ((CreateTopicsRequest) request).data();
        short version = context.apiVersion();
        CreateTopicsResponseData resp = new CreateTopicsResponseData();
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (CreateTopicsRequestData.CreatableTopic t : req.topics()) {
            if (!seen.add(t.name())) {
                duplicated.add(t.name());
            }
        }
        for (CreateTopicsRequestData.CreatableTopic t : req.topics()) {
            CreatableTopicResult result = new CreatableTopicResult().setName(t.name());
            try {
                if (duplicated.contains(t.name())) {
                    throw new InvalidRequestException("Topic '" + t.name() + "' appears more than once in the request");
                }
                create(t, req.validateOnly(), version, result);
            } catch (ApiException e) {
                result.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
            }
            resp.topics().add(result);
        }
        return CompletableFuture.completedFuture(resp);
    }

    private void create(CreateTopicsRequestData.CreatableTopic t, boolean validateOnly, short version, CreatableTopicResult result) {
        if (t.replicationFactor() != -1 && t.replicationFactor() != 1) {
            throw new InvalidReplicationFactorException("broker-lite is a single node: the replication factor must be 1, got "
                    + t.replicationFactor());
        }
        int partitions = t.numPartitions() == -1 ? topics.defaultPartitions() : t.numPartitions();
        if (!t.assignments().isEmpty()) {
            for (CreateTopicsRequestData.CreatableReplicaAssignment a : t.assignments()) {
                if (!a.brokerIds().equals(List.of(broker.nodeId()))) {
                    throw new InvalidReplicaAssignmentException("Partition " + a.partitionIndex()
                            + " must be assigned to broker " + broker.nodeId() + " only, got " + a.brokerIds());
                }
            }
            partitions = t.assignments().size();
        }
        Map<String, String> configs = new HashMap<>();
        for (CreateTopicsRequestData.CreatableTopicConfig c : t.configs()) {
            if (c.value() != null) {
                configs.put(c.name(), c.value());
            }
        }
        Topic topic = topics.logs().createTopic(t.name(), partitions, configs, validateOnly);
        if (version >= 5) {
            result.setNumPartitions(partitions).setReplicationFactor((short) 1);
            TopicConfigs.describe(topics.logs().defaults().withOverrides(configs), configs.keySet(), null).forEach(c ->
                    result.configs().add(new CreateTopicsResponseData.CreatableTopicConfigs()
                            .setName(c.name()).setValue(c.value()).setReadOnly(c.readOnly())
                            .setConfigSource(c.configSource()).setIsSensitive(false)));
        }
        if (version >= 7 && topic != null) {
            result.setTopicId(topic.id());
        }
    }
}
