package io.tributary.broker.internal.api;

import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DeleteTopicsRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DeleteTopics, by name (all versions) or by topic id (v6+). */
public final class DeleteTopicsHandler implements ApiHandler {
    private final LogManager logs;

    public DeleteTopicsHandler(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        DeleteTopicsRequestData req = ((DeleteTopicsRequest) request).data();
        short version = context.apiVersion();
        DeleteTopicsResponseData resp = new DeleteTopicsResponseData();
        if (version >= 6) {
            for (DeleteTopicsRequestData.DeleteTopicState t : req.topics()) {
                resp.responses().add(delete(t.name(), t.topicId(), version));
            }
        } else {
            for (String name : req.topicNames()) {
                resp.responses().add(delete(name, Uuid.ZERO_UUID, version));
            }
        }
        return CompletableFuture.completedFuture(resp);
    }

    private DeletableTopicResult delete(String name, Uuid id, short version) {
        DeletableTopicResult result = new DeletableTopicResult().setName(name);
        if (version >= 6) {
            result.setTopicId(id);
        }
        try {
            String target = name;
            if (name == null) {
                Topic topic = logs.topic(id).orElse(null);
                if (topic == null) {
                    return result.setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()).setErrorMessage("No topic with id " + id);
                }
                target = topic.name();
                result.setName(target);
            }
            logs.deleteTopic(target);
        } catch (ApiException e) {
            result.setErrorCode(Errors.forException(e).code());
            if (version >= 5) {
                result.setErrorMessage(e.getMessage());
            }
        }
        return result;
    }
}
