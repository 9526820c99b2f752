package io.tributary.broker.internal.group;

import java.util.Map;

/** A SyncGroup request, independent of its protocol version; {@code assignments} is empty unless sent by the leader. */
public record SyncRequest(String groupId, int generationId, String memberId, String groupInstanceId, String protocolType,
                          String protocolName, Map<String, byte[]> assignments) {
}
