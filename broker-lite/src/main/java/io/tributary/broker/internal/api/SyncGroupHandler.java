package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.SyncRequest;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.SyncGroupRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** SyncGroup, every version: followers wait until the leader's assignment arrives. */
public final class SyncGroupHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public SyncGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.SYNC_GROUP;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        SyncGroupRequestData req = ((SyncGroupRequest) request).data();
        short version = context.apiVersion();
        Map<String, byte[]> assignments = new HashMap<>();
        req.assignments().forEach(a -> assignments.put(a.memberId(), a.assignment()));
        SyncRequest sync = new SyncRequest(req.groupId(), req.generationId(), req.memberId(), req.groupInstanceId(),
                version >= 5 ? req.protocolType() : null, version >= 5 ? req.protocolName() : null, assignments);
        return coordinator.sync(sync).thenApply(resp -> {
            SyncGroupResponseData out = resp.duplicate();
            if (version < 5) {
                out.setProtocolType(null).setProtocolName(null);
            }
            return out;
        });
    }
}
