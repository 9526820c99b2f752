package io.tributary.broker.internal.api;

import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** ApiVersions: the ranges of {@link ApiVersionRanges}. */
public final class ApiVersionsHandler implements ApiHandler {
    @Override
    public ApiKeys apiKey() {
        return ApiKeys.API_VERSIONS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        return CompletableFuture.completedFuture(response(Errors.NONE));
    }

    public static ApiVersionsResponseData response(Errors error) {
        ApiVersionsResponseData data = new ApiVersionsResponseData().setErrorCode(error.code());
        ApiVersionRanges.all().forEach((key, range) -> data.apiKeys().add(
                new ApiVersionsResponseData.ApiVersion().setApiKey(key.id).setMinVersion(range[0]).setMaxVersion(range[1])));
        return data;
    }
}
