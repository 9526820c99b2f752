package io.tributary.broker.internal.api;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

import java.util.concurrent.CompletionStage;

/**
 * Serves one Kafka API. Handlers run on the connection's event loop and must not block on
 * anything slower than a local file write; a request that has to wait (a long-polling fetch)
 * returns an incomplete stage instead. Completing with {@code null} sends no response (acks=0).
 */
public interface ApiHandler {
    ApiKeys apiKey();

    CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request);
}
