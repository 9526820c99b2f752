package io.tributary.broker.internal.group;

import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a {@link ClassicGroup}: what it sent in JoinGroup, the assignment the leader gave
 * it, and the JoinGroup/SyncGroup responses it is waiting for. Guarded by the group's lock.
 */
final class GroupMember {
    final String memberId;
    final String groupInstanceId;
    final String clientId;
    final String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<MemberProtocol> protocols;
    byte[] assignment = new byte[0];
    CompletableFuture<JoinGroupResponseData> awaitingJoin;
    CompletableFuture<SyncGroupResponseData> awaitingSync;
    long lastHeartbeatMs;

    GroupMember(String memberId, JoinRequest request, long nowMs) {
        this.memberId = memberId;
        this.groupInstanceId = request.groupInstanceId();
        this.clientId = request.clientId();
        this.clientHost = request.clientHost();
        update(request, nowMs);
    }

    void update(JoinRequest request, long nowMs) {
        sessionTimeoutMs = request.sessionTimeoutMs();
        rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        protocols = request.protocols();
        lastHeartbeatMs = nowMs;
    }

    boolean supports(String protocolName) {
        return metadataFor(protocolName) != null;
    }

    byte[] metadataFor(String protocolName) {
        for (MemberProtocol p : protocols) {
            if (p.name().equals(protocolName)) {
                return p.metadata();
            }
        }
        return null;
    }

    boolean sameProtocols(List<MemberProtocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                    || !Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the member counts as alive even without a recent heartbeat: it is blocked in JoinGroup or SyncGroup. */
    boolean waitingForCoordinator() {
        return awaitingJoin != null || awaitingSync != null;
    }
}
