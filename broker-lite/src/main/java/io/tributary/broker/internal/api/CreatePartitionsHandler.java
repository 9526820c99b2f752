package io.tributary.broker.internal.api;

import io.tributary.broker.internal.topic.LogManager;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.CreatePartitionsRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** CreatePartitions: grows a topic's partition count. */
public final class CreatePartitionsHandler implements ApiHandler {
    private final LogManager logs;

    public CreatePartitionsHandler(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_PARTITIONS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        CreatePartitionsRequestData req = ((CreatePartitionsRequest) request).data();
        CreatePartitionsResponseData resp = new CreatePartitionsResponseData();
        for (CreatePartitionsRequestData.CreatePartitionsTopic t : req.topics()) {
            CreatePartitionsResponseData.CreatePartitionsTopicResult result =
                    new CreatePartitionsResponseData.CreatePartitionsTopicResult().setName(t.name());
            try {
                logs.addPartitions(t.name(), t.count(), req.validateOnly());
            } catch (ApiException e) {
                result.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
            }
            resp.results().add(result);
        }
        return CompletableFuture.completedFuture(resp);
    }
}
