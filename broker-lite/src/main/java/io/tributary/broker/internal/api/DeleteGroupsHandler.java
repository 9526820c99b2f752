package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DeleteGroupsRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DeleteGroups: removes empty groups with their committed offsets; NON_EMPTY_GROUP while members remain. */
public final class DeleteGroupsHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public DeleteGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_GROUPS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        DeleteGroupsRequestData req = ((DeleteGroupsRequest) request).data();
        DeleteGroupsResponseData resp = new DeleteGroupsResponseData();
        for (String groupId : req.groupsNames()) {
            resp.results().add(new DeletableGroupResult().setGroupId(groupId).setErrorCode(coordinator.delete(groupId).code()));
        }
        return CompletableFuture.completedFuture(resp);
    }
}
