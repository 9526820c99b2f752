package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.GroupCoordinator.GroupListing;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ListGroupsRequest;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/** ListGroups: every group (all are classic groups), filtered by state (v4+) and type (v5+). */
public final class ListGroupsHandler implements ApiHandler {
    private static final String CLASSIC = "classic";

    private final GroupCoordinator coordinator;

    public ListGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_GROUPS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        ListGroupsRequestData req = ((ListGroupsRequest) request).data();
        short version = context.apiVersion();
        Set<String> states = version >= 4 ? lower(req.statesFilter()) : Set.of();
        Set<String> types = version >= 5 ? lower(req.typesFilter()) : Set.of();
        ListGroupsResponseData resp = new ListGroupsResponseData();
        if (!types.isEmpty() && !types.contains(CLASSIC)) {
            return CompletableFuture.completedFuture(resp);
        }
        for (GroupListing g : coordinator.list()) {
            if (!states.isEmpty() && !states.contains(g.state().kafkaName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            ListGroupsResponseData.ListedGroup listed = new ListGroupsResponseData.ListedGroup().setGroupId(g.groupId())
                    .setProtocolType(g.protocolType());
            if (version >= 4) {
                listed.setGroupState(g.state().kafkaName());
            }
            if (version >= 5) {
                listed.setGroupType(CLASSIC);
            }
            resp.groups().add(listed);
        }
        return CompletableFuture.completedFuture(resp);
    }

    private static Set<String> lower(java.util.List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
