package io.tributary.broker.internal.group;

import java.util.List;

/**
 * A JoinGroup request, independent of its protocol version.
 *
 * @param memberId             empty for a member joining for the first time
 * @param requireKnownMemberId JoinGroup v4+: a new dynamic member first gets MEMBER_ID_REQUIRED and its id
 * @param canSkipAssignment    JoinGroup v9+: a restarted static leader may be told to keep the current assignment
 */
public record JoinRequest(String groupId, String memberId, String groupInstanceId, String clientId, String clientHost,
                          int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                          List<MemberProtocol> protocols, boolean requireKnownMemberId,
                          boolean canSkipAssignment) {
}
