package io.tributary.broker.internal.api;

import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * FindCoordinator: this node coordinates every group. Transaction and share-group coordinators
 * do not exist in broker-lite: those key types get INVALID_REQUEST with a message saying so, which
 * clients treat as fatal, so a transactional producer fails at once with that message instead of
 * retrying COORDINATOR_NOT_AVAILABLE until its timeout. v0-3 ask for one key; v4+ for a batch.
 */
public final class FindCoordinatorHandler implements ApiHandler {
    private static final byte GROUP = 0;

    private final BrokerIdentity broker;

    public FindCoordinatorHandler(BrokerIdentity broker) {
        this.broker = broker;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FIND_COORDINATOR;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        FindCoordinatorRequestData req = ((FindCoordinatorRequest) request).data();
        short version = context.apiVersion();
        FindCoordinatorResponseData resp = new FindCoordinatorResponseData();
        if (version < FindCoordinatorRequest.MIN_BATCHED_VERSION) {
            Coordinator c = coordinator(req.key(), req.keyType());
            resp.setErrorCode(c.errorCode()).setNodeId(c.nodeId()).setHost(c.host()).setPort(c.port());
            if (version >= 1) {
                resp.setErrorMessage(c.errorMessage());
            }
        } else {
            for (String key : req.coordinatorKeys()) {
                resp.coordinators().add(coordinator(key, req.keyType()));
            }
        }
        return CompletableFuture.completedFuture(resp);
    }

    private Coordinator coordinator(String key, byte keyType) {
        Coordinator c = new Coordinator().setKey(key);
        if (keyType != GROUP) {
            String kind = keyType == 1 ? "transactions" : "key type " + keyType;
            return c.setErrorCode(Errors.INVALID_REQUEST.code()).setNodeId(-1).setHost("").setPort(-1)
                    .setErrorMessage("broker-lite does not support " + kind + " (it has no such coordinator)");
        }
        return c.setNodeId(broker.nodeId()).setHost(broker.host()).setPort(broker.port()).setErrorCode(Errors.NONE.code());
    }

}
