package io.tributary.broker.internal.group;

import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One group of the classic Kafka group protocol and its rebalance state machine:
 *
 * <pre>
 *  EMPTY --join--> PREPARING_REBALANCE --all members joined, or rebalance timeout--> COMPLETING_REBALANCE
 *    ^                     ^                                                               |
 *    |  (no member left)   +---- member joins / leaves / changes protocols / times out ----+-- leader's SyncGroup --> STABLE
 * </pre>
 *
 * <p>The rebalance barrier: JoinGroup responses are held back (their futures stay incomplete) until
 * every known member has rejoined or the longest rebalance timeout of the members has passed; members
 * that did not rejoin by then are removed. The new generation's leader gets every member's metadata and
 * sends the assignment in SyncGroup; the other members' SyncGroups wait for it. A member whose session
 * timeout passes without a heartbeat (and that is not blocked in JoinGroup/SyncGroup) is removed, which
 * starts a rebalance. Static members ({@code group.instance.id}) keep their assignment across restarts:
 * a rejoin under the same instance id replaces the old member id without a rebalance when nothing changed.
 *
 * <p>Thread-safety: every method is synchronized on the group (one lock per group). Futures are
 * completed while holding the lock; their callbacks only hand the response to the connection's event loop.
 * Time comes from the caller ({@code nowMs}), so timers are driven by {@link GroupCoordinator}'s tick.
 */
final class ClassicGroup {
    private static final Logger log = LoggerFactory.getLogger(ClassicGroup.class);

    private final String groupId;
    private final GroupConfig config;
    private GroupState state = GroupState.EMPTY;
    private int generation;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final LinkedHashMap<String, GroupMember> members = new LinkedHashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, with the time they expire unless the member rejoins. */
    private final Map<String, Long> pendingMembers = new HashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private long joinNotBeforeMs;
    private long rebalanceDeadlineMs;
    private long syncDeadlineMs;
    private long emptySinceMs;

    ClassicGroup(String groupId, GroupConfig config, long nowMs) {
        this.groupId = groupId;
        this.config = config;
        this.emptySinceMs = nowMs;
    }

    String groupId() {
        return groupId;
    }

    synchronized GroupState state() {
        return state;
    }

    synchronized int generation() {
        return generation;
    }

    synchronized String protocolType() {
        return protocolType;
    }

    synchronized long emptySinceMs() {
        return emptySinceMs;
    }

    synchronized boolean hasMembers() {
        return !members.isEmpty();
    }

    // ---- JoinGroup -----------------------------------------------------------------------------

    /** Null if the group was deleted meanwhile (the caller retries on a fresh group). */
    synchronized CompletableFuture<JoinGroupResponseData> join(JoinRequest r, long nowMs) {
        if (state == GroupState.DEAD) {
            return null;
        }
        if (!members.isEmpty() && (!Objects.equals(protocolType, r.protocolType()) || !supportsAnyOf(r.protocols()))) {
            return joinError(r.memberId(), Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        if (r.memberId().isEmpty()) {
            return joinNewMember(r, nowMs);
        }
        if (pendingMembers.remove(r.memberId()) != null) {
            return addMemberAndRebalance(r.memberId(), r, nowMs);
        }
        GroupMember member = members.get(r.memberId());
        if (r.groupInstanceId() != null) {
            String current = staticMembers.get(r.groupInstanceId());
            if (current != null && !current.equals(r.memberId())) {
                return joinError(r.memberId(), Errors.FENCED_INSTANCE_ID);
            }
        }
        if (member == null) {
            return joinError(r.memberId(), Errors.UNKNOWN_MEMBER_ID);
        }
        switch (state) {
            case PREPARING_REBALANCE -> {
                member.update(r, nowMs);
                CompletableFuture<JoinGroupResponseData> f = awaitJoin(member, nowMs);
                maybeCompleteJoin(nowMs);
                return f;
            }
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(r.protocols())) {
                    return CompletableFuture.completedFuture(joinResponse(member));
                }
                member.update(r, nowMs);
                CompletableFuture<JoinGroupResponseData> f = awaitJoin(member, nowMs);
                prepareRebalance(nowMs, "member " + member.memberId + " changed its protocols");
                return f;
            }
            case STABLE -> {
                if (member.sameProtocols(r.protocols()) && !member.memberId.equals(leaderId)) {
                    member.lastHeartbeatMs = nowMs;
                    return CompletableFuture.completedFuture(joinResponse(member));
                }
                member.update(r, nowMs);
                CompletableFuture<JoinGroupResponseData> f = awaitJoin(member, nowMs);
                prepareRebalance(nowMs, member.memberId.equals(leaderId) ? "the leader rejoined" : "member " + member.memberId + " changed its protocols");
                return f;
            }
            default -> {
                return joinError(r.memberId(), Errors.UNKNOWN_MEMBER_ID);
            }
        }
    }

    private CompletableFuture<JoinGroupResponseData> joinNewMember(JoinRequest r, long nowMs) {
        String prefix = r.groupInstanceId() != null ? r.groupInstanceId() : r.clientId();
        String newId = prefix + "-" + UUID.randomUUID();
        if (r.groupInstanceId() != null) {
            String oldId = staticMembers.get(r.groupInstanceId());
            if (oldId != null && members.containsKey(oldId)) {
                return replaceStaticMember(members.get(oldId), newId, r, nowMs);
            }
            return addMemberAndRebalance(newId, r, nowMs);
        }
        if (r.requireKnownMemberId()) {
            pendingMembers.put(newId, nowMs + r.sessionTimeoutMs());
            return joinError(newId, Errors.MEMBER_ID_REQUIRED);
        }
        return addMemberAndRebalance(newId, r, nowMs);
    }

    private CompletableFuture<JoinGroupResponseData> addMemberAndRebalance(String memberId, JoinRequest r, long nowMs) {
        if (members.isEmpty()) {
            protocolType = r.protocolType();
        }
        GroupMember member = new GroupMember(memberId, r, nowMs);
        members.put(memberId, member);
        if (member.groupInstanceId != null) {
            staticMembers.put(member.groupInstanceId, memberId);
        }
        CompletableFuture<JoinGroupResponseData> f = awaitJoin(member, nowMs);
        if (state == GroupState.PREPARING_REBALANCE) {
            if (joinNotBeforeMs > nowMs) {
                // Still in the initial delay: each newcomer extends it (up to the rebalance timeout), as in Kafka.
                rebalanceDeadlineMs = Math.max(rebalanceDeadlineMs, nowMs + r.rebalanceTimeoutMs());
                joinNotBeforeMs = Math.min(nowMs + config.initialRebalanceDelayMs(), rebalanceDeadlineMs);
            }
            maybeCompleteJoin(nowMs);
        } else {
            prepareRebalance(nowMs, "member " + memberId + " joined");
        }
        return f;
    }

    /** A static member restarted: its new member id takes over the old one's place and assignment. */
    private CompletableFuture<JoinGroupResponseData> replaceStaticMember(GroupMember old, String newId, JoinRequest r, long nowMs) {
        failPending(old, Errors.FENCED_INSTANCE_ID);
        members.remove(old.memberId);
        GroupMember member = new GroupMember(newId, r, nowMs);
        member.assignment = old.assignment;
        members.put(newId, member);
        staticMembers.put(member.groupInstanceId, newId);
        boolean wasLeader = old.memberId.equals(leaderId);
        if (wasLeader) {
            leaderId = newId;
        }
        log.info("Static member {} of group {} rejoined as {} (was {})", member.groupInstanceId, groupId, newId, old.memberId);
        // As Kafka: no rebalance while the group would pick the same protocol (the subscription metadata of a
        // restarted consumer differs anyway, e.g. in its owned partitions).
        boolean sameProtocol = state == GroupState.STABLE && Objects.equals(selectProtocol(), protocolName);
        if (sameProtocol && (!wasLeader || r.canSkipAssignment())) {
            // A restarted leader (v9+) gets the member list but is told to keep the current assignment (KIP-814).
            return CompletableFuture.completedFuture(joinResponse(member).setSkipAssignment(wasLeader));
        }
        CompletableFuture<JoinGroupResponseData> f = awaitJoin(member, nowMs);
        if (state == GroupState.PREPARING_REBALANCE) {
            maybeCompleteJoin(nowMs);
        } else {
            prepareRebalance(nowMs, "static member " + member.groupInstanceId + " rejoined");
        }
        return f;
    }

    private CompletableFuture<JoinGroupResponseData> awaitJoin(GroupMember member, long nowMs) {
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(errorJoinResponse(member.memberId, Errors.REBALANCE_IN_PROGRESS));
        }
        member.awaitingJoin = new CompletableFuture<>();
        member.lastHeartbeatMs = nowMs;
        return member.awaitingJoin;
    }

    private boolean supportsAnyOf(List<MemberProtocol> protocols) {
        Set<String> candidates = candidateProtocols();
        return protocols.stream().anyMatch(p -> candidates.contains(p.name()));
    }

    /** Protocols every member supports. */
    private Set<String> candidateProtocols() {
        Set<String> candidates = null;
        for (GroupMember m : members.values()) {
            Set<String> names = new HashSet<>();
            m.protocols.forEach(p -> names.add(p.name()));
            if (candidates == null) {
                candidates = names;
            } else {
                candidates.retainAll(names);
            }
        }
        return candidates == null ? Set.of() : candidates;
    }

    /** Each member votes for its most preferred candidate; the most votes win (ties: the leader's preference order). */
    private String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new LinkedHashMap<>();
        GroupMember first = members.get(leaderId) != null ? members.get(leaderId) : members.values().iterator().next();
        first.protocols.forEach(p -> {
            if (candidates.contains(p.name())) {
                votes.put(p.name(), 0);
            }
        });
        for (GroupMember m : members.values()) {
            for (MemberProtocol p : m.protocols) {
                if (candidates.contains(p.name())) {
                    votes.merge(p.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (best == null || e.getValue() > votes.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    private void prepareRebalance(long nowMs, String reason) {
        if (state == GroupState.COMPLETING_REBALANCE) {
            for (GroupMember m : members.values()) {
                if (m.awaitingSync != null) {
                    m.awaitingSync.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
                    m.awaitingSync = null;
                }
            }
        }
        boolean wasEmpty = state == GroupState.EMPTY;
        state = GroupState.PREPARING_REBALANCE;
        long rebalanceTimeout = members.values().stream().mapToLong(m -> m.rebalanceTimeoutMs).max().orElse(0);
        rebalanceDeadlineMs = nowMs + rebalanceTimeout;
        joinNotBeforeMs = wasEmpty ? nowMs + Math.min(config.initialRebalanceDelayMs(), rebalanceTimeout) : nowMs;
        log.info("Preparing to rebalance group {} (generation {}): {}", groupId, generation, reason);
        maybeCompleteJoin(nowMs);
    }

    private void maybeCompleteJoin(long nowMs) {
        if (state != GroupState.PREPARING_REBALANCE || nowMs < joinNotBeforeMs || !pendingMembers.isEmpty()) {
            return;
        }
        for (GroupMember m : members.values()) {
            if (m.awaitingJoin == null) {
                return;
            }
        }
        completeJoin(nowMs);
    }

    /** The barrier lifts: a new generation, answered to every member that rejoined. */
    private void completeJoin(long nowMs) {
        for (GroupMember m : new ArrayList<>(members.values())) {
            if (m.awaitingJoin == null) {
                log.info("Removing member {} from group {}: it did not rejoin within the rebalance timeout", m.memberId, groupId);
                dropMember(m, Errors.UNKNOWN_MEMBER_ID);
            }
        }
        pendingMembers.clear();
        generation++;
        if (members.isEmpty()) {
            state = GroupState.EMPTY;
            leaderId = null;
            protocolName = null;
            emptySinceMs = nowMs;
            log.info("Group {} is empty (generation {})", groupId, generation);
            return;
        }
        protocolName = selectProtocol();
        if (leaderId == null || !members.containsKey(leaderId)) {
            leaderId = members.keySet().iterator().next();
        }
        state = GroupState.COMPLETING_REBALANCE;
        syncDeadlineMs = nowMs + members.values().stream().mapToLong(m -> m.rebalanceTimeoutMs).max().orElse(0);
        for (GroupMember m : members.values()) {
            m.assignment = new byte[0];
            m.lastHeartbeatMs = nowMs;
            CompletableFuture<JoinGroupResponseData> f = m.awaitingJoin;
            m.awaitingJoin = null;
            f.complete(joinResponse(m));
        }
        log.info("Group {} generation {}: {} member(s), protocol {}, leader {}", groupId, generation, members.size(),
                protocolName, leaderId);
    }

    private JoinGroupResponseData joinResponse(GroupMember member) {
        JoinGroupResponseData resp = new JoinGroupResponseData().setGenerationId(generation).setProtocolType(protocolType)
                .setProtocolName(protocolName).setLeader(leaderId).setMemberId(member.memberId);
        if (member.memberId.equals(leaderId)) {
            for (GroupMember m : members.values()) {
                resp.members().add(new JoinGroupResponseData.JoinGroupResponseMember().setMemberId(m.memberId)
                        .setGroupInstanceId(m.groupInstanceId).setMetadata(m.metadataFor(protocolName)));
            }
        }
        return resp;
    }

    private static CompletableFuture<JoinGroupResponseData> joinError(String memberId, Errors error) {
        return CompletableFuture.completedFuture(errorJoinResponse(memberId, error));
    }

    static JoinGroupResponseData errorJoinResponse(String memberId, Errors error) {
        return new JoinGroupResponseData().setErrorCode(error.code()).setGenerationId(-1).setMemberId(memberId)
                .setLeader("").setProtocolName(null);
    }

    // ---- SyncGroup / Heartbeat / LeaveGroup ----------------------------------------------------

    synchronized CompletableFuture<SyncGroupResponseData> sync(SyncRequest r, long nowMs) {
        if (state == GroupState.DEAD) {
            return CompletableFuture.completedFuture(syncError(Errors.COORDINATOR_NOT_AVAILABLE));
        }
        GroupMember member = members.get(r.memberId());
        Errors error = validateMember(r.memberId(), r.groupInstanceId(), r.generationId());
        if (error != Errors.NONE) {
            return CompletableFuture.completedFuture(syncError(error));
        }
        if ((r.protocolType() != null && !r.protocolType().equals(protocolType))
                || (r.protocolName() != null && !r.protocolName().equals(protocolName))) {
            return CompletableFuture.completedFuture(syncError(Errors.INCONSISTENT_GROUP_PROTOCOL));
        }
        member.lastHeartbeatMs = nowMs;
        switch (state) {
            case PREPARING_REBALANCE -> {
                return CompletableFuture.completedFuture(syncError(Errors.REBALANCE_IN_PROGRESS));
            }
            case STABLE -> {
                return CompletableFuture.completedFuture(syncResponse(member));
            }
            case COMPLETING_REBALANCE -> {
                if (member.awaitingSync != null) {
                    member.awaitingSync.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
                }
                member.awaitingSync = new CompletableFuture<>();
                CompletableFuture<SyncGroupResponseData> f = member.awaitingSync;
                if (member.memberId.equals(leaderId)) {
                    for (GroupMember m : members.values()) {
                        m.assignment = r.assignments().getOrDefault(m.memberId, new byte[0]);
                    }
                    state = GroupState.STABLE;
                    for (GroupMember m : members.values()) {
                        if (m.awaitingSync != null) {
                            CompletableFuture<SyncGroupResponseData> waiting = m.awaitingSync;
                            m.awaitingSync = null;
                            waiting.complete(syncResponse(m));
                        }
                    }
                    log.info("Group {} generation {} is stable: the leader's assignment went to {} member(s)", groupId,
                            generation, members.size());
                }
                return f;
            }
            default -> {
                return CompletableFuture.completedFuture(syncError(Errors.UNKNOWN_MEMBER_ID));
            }
        }
    }

    private SyncGroupResponseData syncResponse(GroupMember member) {
        return new SyncGroupResponseData().setProtocolType(protocolType).setProtocolName(protocolName)
                .setAssignment(member.assignment);
    }

    static SyncGroupResponseData syncError(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(new byte[0]);
    }

    /** Member known, not fenced by a newer instance of the same static member, in the current generation. */
    private Errors validateMember(String memberId, String groupInstanceId, int generationId) {
        if (groupInstanceId != null) {
            String current = staticMembers.get(groupInstanceId);
            if (current != null && !current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        if (!members.containsKey(memberId)) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (generationId != generation) {
            return Errors.ILLEGAL_GENERATION;
        }
        return Errors.NONE;
    }

    synchronized Errors heartbeat(String memberId, String groupInstanceId, int generationId, long nowMs) {
        if (state == GroupState.DEAD) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        Errors error = validateMember(memberId, groupInstanceId, generationId);
        if (error != Errors.NONE) {
            return error;
        }
        members.get(memberId).lastHeartbeatMs = nowMs;
        return state == GroupState.PREPARING_REBALANCE ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
    }

    synchronized List<MemberResponse> leave(List<MemberIdentity> leaving, long nowMs) {
        List<MemberResponse> results = new ArrayList<>();
        boolean removed = false;
        for (MemberIdentity id : leaving) {
            MemberResponse result = new MemberResponse().setMemberId(id.memberId()).setGroupInstanceId(id.groupInstanceId());
            String memberId = id.memberId();
            Errors error = Errors.NONE;
            if (id.groupInstanceId() != null) {
                String current = staticMembers.get(id.groupInstanceId());
                if (current == null) {
                    error = Errors.UNKNOWN_MEMBER_ID;
                } else if (!memberId.isEmpty() && !memberId.equals(current)) {
                    error = Errors.FENCED_INSTANCE_ID;
                } else {
                    memberId = current;
                }
            }
            if (error == Errors.NONE) {
                if (pendingMembers.remove(memberId) != null) {
                    removed = true;
                } else if (!members.containsKey(memberId)) {
                    error = Errors.UNKNOWN_MEMBER_ID;
                } else {
                    log.info("Member {} left group {}{}", memberId, groupId,
                            id.reason() != null ? " (" + id.reason() + ")" : "");
                    dropMember(members.get(memberId), Errors.UNKNOWN_MEMBER_ID);
                    removed = true;
                }
            }
            results.add(result.setErrorCode(error.code()));
        }
        if (removed) {
            afterRemoval(nowMs, "members left");
        }
        return results;
    }

    private void dropMember(GroupMember member, Errors pendingError) {
        failPending(member, pendingError);
        members.remove(member.memberId);
        if (member.groupInstanceId != null) {
            staticMembers.remove(member.groupInstanceId, member.memberId);
        }
    }

    private void failPending(GroupMember member, Errors error) {
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(errorJoinResponse(member.memberId, error));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(syncError(error));
            member.awaitingSync = null;
        }
    }

    private void afterRemoval(long nowMs, String reason) {
        switch (state) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(nowMs, reason);
            case PREPARING_REBALANCE -> maybeCompleteJoin(nowMs);
            default -> {
            }
        }
    }

    // ---- timers --------------------------------------------------------------------------------

    /** Expires members and pending member ids, and lifts the join barrier or the sync wait when their time is up. */
    synchronized void tick(long nowMs) {
        if (state == GroupState.DEAD || state == GroupState.EMPTY && pendingMembers.isEmpty()) {
            return;
        }
        pendingMembers.values().removeIf(expiry -> nowMs >= expiry);
        boolean removed = false;
        for (GroupMember m : new ArrayList<>(members.values())) {
            if (!m.waitingForCoordinator() && nowMs - m.lastHeartbeatMs >= m.sessionTimeoutMs) {
                log.info("Member {} of group {} timed out: no heartbeat for {} ms (session timeout)", m.memberId, groupId,
                        nowMs - m.lastHeartbeatMs);
                dropMember(m, Errors.UNKNOWN_MEMBER_ID);
                removed = true;
            }
        }
        if (removed) {
            afterRemoval(nowMs, "members timed out");
        }
        if (state == GroupState.PREPARING_REBALANCE) {
            if (nowMs >= rebalanceDeadlineMs) {
                completeJoin(nowMs);
            } else {
                maybeCompleteJoin(nowMs);
            }
        } else if (state == GroupState.COMPLETING_REBALANCE && nowMs >= syncDeadlineMs) {
            for (GroupMember m : new ArrayList<>(members.values())) {
                if (m.awaitingSync == null) {
                    log.info("Removing member {} from group {}: no SyncGroup within the rebalance timeout", m.memberId, groupId);
                    dropMember(m, Errors.UNKNOWN_MEMBER_ID);
                }
            }
            prepareRebalance(nowMs, "the leader's assignment did not arrive in time");
        }
    }

    // ---- offsets, admin ------------------------------------------------------------------------

    /** Whether an OffsetCommit from this member (or a simple, group-less commit) is accepted now. */
    synchronized Errors validateCommit(String memberId, String groupInstanceId, int generationId, long nowMs) {
        if (state == GroupState.DEAD) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (generationId < 0 && memberId.isEmpty()) {
            // Admin or assign()-mode consumer: allowed while the group has no members.
            return members.isEmpty() ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
        }
        Errors error = validateMember(memberId, groupInstanceId, generationId);
        if (error != Errors.NONE) {
            return error;
        }
        if (state == GroupState.COMPLETING_REBALANCE) {
            return Errors.REBALANCE_IN_PROGRESS;
        }
        members.get(memberId).lastHeartbeatMs = nowMs;
        return Errors.NONE;
    }

    /** Marks an empty group deleted; false if it has members. */
    synchronized boolean markDeadIfEmpty() {
        if (!members.isEmpty() || !pendingMembers.isEmpty() || state != GroupState.EMPTY) {
            return false;
        }
        state = GroupState.DEAD;
        return true;
    }

    /** Topics the members subscribe to, per the chosen protocol's metadata (consumer groups only). */
    synchronized Set<String> subscribedTopics() {
        Set<String> topics = new HashSet<>();
        if (protocolName == null) {
            return topics;
        }
        for (GroupMember m : members.values()) {
            topics.addAll(ConsumerSubscriptions.topics(m.metadataFor(protocolName)));
        }
        return topics;
    }

    synchronized DescribedGroup describe() {
        DescribedGroup d = new DescribedGroup().setGroupId(groupId).setGroupState(state.kafkaName())
                .setProtocolType(protocolType == null ? "" : protocolType)
                .setProtocolData(state == GroupState.STABLE && protocolName != null ? protocolName : "");
        for (GroupMember m : members.values()) {
            boolean stable = state == GroupState.STABLE;
            d.members().add(new DescribedGroupMember().setMemberId(m.memberId).setGroupInstanceId(m.groupInstanceId)
                    .setClientId(m.clientId).setClientHost(m.clientHost)
                    .setMemberMetadata(stable ? m.metadataFor(protocolName) : new byte[0])
                    .setMemberAssignment(stable ? m.assignment : new byte[0]));
        }
        return d;
    }
}
