package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DescribeGroupsRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * DescribeGroups: state, protocol and members; member metadata and assignments only while the
 * group is stable (as Kafka). An unknown group is GROUP_ID_NOT_FOUND from v6 and state "Dead" before.
 */
public final class DescribeGroupsHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public DescribeGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_GROUPS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        DescribeGroupsRequestData req = ((DescribeGroupsRequest) request).data();
        short version = context.apiVersion();
        DescribeGroupsResponseData resp = new DescribeGroupsResponseData();
        for (String groupId : req.groups()) {
            DescribedGroup d = coordinator.describe(groupId);
            if (d == null) {
                d = new DescribedGroup().setGroupId(groupId).setGroupState("Dead").setProtocolType("").setProtocolData("");
                if (version >= 6) {
                    d.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()).setErrorMessage("Group " + groupId + " not found.");
                }
            }
            if (version < 4) {
                d.members().forEach(m -> m.setGroupInstanceId(null));
            }
            resp.groups().add(d);
        }
        return CompletableFuture.completedFuture(resp);
    }
}
