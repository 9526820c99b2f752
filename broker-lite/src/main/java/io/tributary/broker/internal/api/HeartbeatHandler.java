package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.HeartbeatRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Heartbeat: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin. */
public final class HeartbeatHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public HeartbeatHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.HEARTBEAT;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        HeartbeatRequestData req = ((HeartbeatRequest) request).data();
        return CompletableFuture.completedFuture(new HeartbeatResponseData().setErrorCode(
                coordinator.heartbeat(req.groupId(), req.memberId(), req.groupInstanceId(), req.generationId()).code()));
    }
}
