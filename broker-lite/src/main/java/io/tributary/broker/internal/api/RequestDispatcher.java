package io.tributary.broker.internal.api;

import io.tributary.broker.internal.metrics.RequestObserver;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Routes a parsed request to the handler of its API, and tells the observer (metrics) how it went. */
public final class RequestDispatcher {
    private final Map<ApiKeys, ApiHandler> handlers = new EnumMap<>(ApiKeys.class);
    private final RequestObserver observer;

    public RequestDispatcher(List<ApiHandler> handlerList) {
        this(handlerList, RequestObserver.NONE);
    }

    public RequestDispatcher(List<ApiHandler> handlerList, RequestObserver observer) {
        this.observer = observer;
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
        ApiKeys api = context.header().apiKey();
        CompletionStage<ApiMessage> response = handlers.get(api).handle(context, request);
        if (observer == RequestObserver.NONE) {
            return response;
        }
        long start = System.nanoTime();
        return response.whenComplete((message, error) ->
                observer.completed(api, request, message, error, System.nanoTime() - start));
    }
}
