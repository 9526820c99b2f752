package io.tributary.broker.internal.api;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.JoinRequest;
import io.tributary.broker.internal.group.MemberProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.JoinGroupRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * JoinGroup, every version: the response is held back by the group's rebalance barrier (see
 * {@code ClassicGroup}); the connection's later requests wait behind it, as with Kafka.
 * v4+ new dynamic members get MEMBER_ID_REQUIRED first (KIP-394); v5+ carry group.instance.id.
 */
public final class JoinGroupHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public JoinGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.JOIN_GROUP;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        JoinGroupRequestData req = ((JoinGroupRequest) request).data();
        short version = context.apiVersion();
        List<MemberProtocol> protocols = new ArrayList<>();
        req.protocols().forEach(p -> protocols.add(new MemberProtocol(p.name(), p.metadata())));
        int rebalanceTimeout = version >= 1 ? req.rebalanceTimeoutMs() : req.sessionTimeoutMs();
        JoinRequest join = new JoinRequest(req.groupId(), req.memberId(), req.groupInstanceId(),
                GroupRequests.clientId(context), GroupRequests.clientHost(context), req.sessionTimeoutMs(), rebalanceTimeout,
                req.protocolType(), protocols, JoinGroupRequest.requiresKnownMemberId(version) && req.groupInstanceId() == null,
                JoinGroupRequest.supportsSkippingAssignment(version));
        return coordinator.join(join).thenApply(resp -> forVersion(resp, version));
    }

    /** Drops what the version cannot carry; the generated writer rejects fields set for versions without them. */
    private static ApiMessage forVersion(JoinGroupResponseData resp, short version) {
        JoinGroupResponseData out = resp.duplicate();
        if (version < 7) {
            out.setProtocolType(null);
            if (out.protocolName() == null) {
                out.setProtocolName("");
            }
        }
        if (version < 5) {
            out.members().forEach(m -> m.setGroupInstanceId(null));
        }
        if (out.leader() == null) {
            out.setLeader("");
        }
        return out;
    }
}
