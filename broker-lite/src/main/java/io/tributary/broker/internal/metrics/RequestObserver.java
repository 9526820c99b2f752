package io.tributary.broker.internal.metrics;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

/**
 * Told about every request once its response is ready (or it failed). Called on the
 * connection's event loop: implementations must be quick and thread-safe.
 */
public interface RequestObserver {
    /** Observes nothing: the broker without metrics never loads the metrics library. */
    RequestObserver NONE = (api, request, response, error, nanos) -> { };

    /**
     * @param response the response, null for acks=0 produce or when {@code error} is set
     * @param nanos    time from dispatch to response
     */
    void completed(ApiKeys api, AbstractRequest request, ApiMessage response, Throwable error, long nanos);
}
