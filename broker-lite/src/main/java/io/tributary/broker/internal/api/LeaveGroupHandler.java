package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** LeaveGroup: one member (v0-2) or a batch of members, by member id or group.instance.id (v3+). */
public final class LeaveGroupHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public LeaveGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LEAVE_GROUP;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        LeaveGroupRequest req = (LeaveGroupRequest) request;
        short version = context.apiVersion();
        List<MemberResponse> results = coordinator.leave(req.data().groupId(), req.members());
        if (version < 5) {
            results.forEach(r -> r.setGroupInstanceId(version >= 3 ? r.groupInstanceId() : null));
        }
        // The constructor folds a single member's error into the top level for v0-2.
        return CompletableFuture.completedFuture(new LeaveGroupResponse(results, Errors.NONE, 0, version).data());
    }
}
