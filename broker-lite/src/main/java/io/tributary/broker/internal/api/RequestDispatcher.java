package io.tributary.broker.internal.api;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Routes a parsed request to the handler of its API. */
public final class RequestDispatcher {
    private final Map<ApiKeys, ApiHandler> handlers = new EnumMap<>(ApiKeys.class);

    public RequestDispatcher(List<ApiHandler> handlerList) {
        for (ApiHandler handler : handlerList) {
            if (!ApiVersionRanges.all().containsKey(handler.apiKey())) {
                throw new IllegalArgumentException("No advertised version range for " + handler.apiKey());
            }
            handlers.put(handler.apiKey(), handler);
        }
        for (ApiKeys key : ApiVersionRanges.all().keySet()) {
            if (!handlers.containsKey(key)) {
                throw new IllegalArgumentException("Version range advertised for " + key + " but no handler");
            }
        }
    }

    public CompletionStage<ApiMessage> dispatch(RequestContext context, AbstractRequest request) {
        return handlers.get(context.header().apiKey()).handle(context, request);
    }
}
