package io.tributary.broker.internal.group;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The group coordinator of this node, which coordinates every group (a single-node cluster): the
 * classic group protocol ({@link ClassicGroup}) plus committed offsets ({@link OffsetStore}).
 *
 * <p>Timers never run on a network thread: one daemon thread ticks every group every
 * {@value #TICK_MS} ms (session timeouts, rebalance timeouts, the initial rebalance delay) and
 * completes the JoinGroup/SyncGroup responses those timers release. {@link #runMaintenance} (the
 * broker's maintenance thread) expires offsets and compacts the offsets log.
 *
 * <p>Thread-safety: safe for concurrent use; each group has its own lock and the store its own.
 */
public final class GroupCoordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);
    static final long TICK_MS = 100;

    private final ConcurrentHashMap<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    private final GroupConfig config;
    private final OffsetStore offsets;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private GroupCoordinator(GroupConfig config, OffsetStore offsets, Clock clock) {
        this.config = config;
        this.offsets = offsets;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "group-coordinator-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads committed offsets from {@code groupsDir} and starts the timer. */
    public static GroupCoordinator start(Path groupsDir, GroupConfig config, Clock clock) throws IOException {
        OffsetStore store = OffsetStore.open(groupsDir, config, clock);
        GroupCoordinator coordinator = new GroupCoordinator(config, store, clock);
        long now = clock.millis();
        // Groups known only by their offsets are empty; their retention counts from this start.
        for (String groupId : store.groups()) {
            coordinator.groups.put(groupId, new ClassicGroup(groupId, config, now));
        }
        coordinator.timer.scheduleWithFixedDelay(coordinator::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return coordinator;
    }

    public GroupConfig config() {
        return config;
    }

    private void tick() {
        long now = clock.millis();
        for (ClassicGroup group : groups.values()) {
            try {
                group.tick(now);
            } catch (RuntimeException e) {
                log.warn("Timer of group {} failed: {}", group.groupId(), e.toString());
            }
        }
    }

    private ClassicGroup getOrCreate(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, config, clock.millis()));
    }

    /** Validates the session timeout against the broker's bounds, then joins (or creates) the group. */
    public CompletableFuture<JoinGroupResponseData> join(JoinRequest request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(ClassicGroup.errorJoinResponse(request.memberId(), Errors.INVALID_GROUP_ID));
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs() || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            log.info("Refused JoinGroup of group {} from {}: session timeout {} ms is outside the broker's {}-{} ms",
                    request.groupId(), request.clientHost(), request.sessionTimeoutMs(), config.minSessionTimeoutMs(),
                    config.maxSessionTimeoutMs());
            return CompletableFuture.completedFuture(ClassicGroup.errorJoinResponse(request.memberId(), Errors.INVALID_SESSION_TIMEOUT));
        }
        if (request.protocolType() == null || request.protocolType().isEmpty() || request.protocols().isEmpty()) {
            return CompletableFuture.completedFuture(ClassicGroup.errorJoinResponse(request.memberId(),
                    Errors.INCONSISTENT_GROUP_PROTOCOL));
        }
        while (true) {
            ClassicGroup group = getOrCreate(request.groupId());
            CompletableFuture<JoinGroupResponseData> result = group.join(request, clock.millis());
            if (result != null) {
                return result;
            }
            groups.remove(request.groupId(), group);
        }
    }

    public CompletableFuture<SyncGroupResponseData> sync(SyncRequest request) {
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(ClassicGroup.syncError(Errors.UNKNOWN_MEMBER_ID));
        }
        return group.sync(request, clock.millis());
    }

    public Errors heartbeat(String groupId, String memberId, String groupInstanceId, int generationId) {
        ClassicGroup group = groups.get(groupId);
        return group == null ? Errors.UNKNOWN_MEMBER_ID : group.heartbeat(memberId, groupInstanceId, generationId, clock.millis());
    }

    public List<MemberResponse> leave(String groupId, List<MemberIdentity> members) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            List<MemberResponse> unknown = new ArrayList<>();
            members.forEach(m -> unknown.add(new MemberResponse().setMemberId(m.memberId())
                    .setGroupInstanceId(m.groupInstanceId()).setErrorCode(Errors.UNKNOWN_MEMBER_ID.code())));
            return unknown;
        }
        return group.leave(members, clock.millis());
    }

    /**
     * Commits offsets for a member of the current generation, or for a group without members
     * ({@code generationId < 0}, empty member id: admin tools and {@code assign()} consumers).
     * The offsets are durable when this returns {@link Errors#NONE}.
     */
    public Errors commit(String groupId, String memberId, String groupInstanceId, int generationId,
                         Map<TopicPartition, CommittedOffset> commits) {
        if (groupId == null || groupId.isEmpty()) {
            return Errors.INVALID_GROUP_ID;
        }
        while (true) {
            ClassicGroup group = getOrCreate(groupId);
            synchronized (group) {
                if (group.state() == GroupState.DEAD) {
                    groups.remove(groupId, group);
                    continue;
                }
                Errors error = group.validateCommit(memberId, groupInstanceId, generationId, clock.millis());
                if (error == Errors.NONE && !commits.isEmpty()) {
                    offsets.commit(groupId, commits);
                }
                return error;
            }
        }
    }

    public Map<TopicPartition, CommittedOffset> committed(String groupId) {
        return offsets.offsets(groupId);
    }

    /** A group as ListGroups shows it. */
    public record GroupListing(String groupId, String protocolType, GroupState state) {
    }

    public List<GroupListing> list() {
        List<GroupListing> result = new ArrayList<>();
        for (ClassicGroup group : groups.values()) {
            GroupState state = group.state();
            if (state != GroupState.DEAD) {
                String type = group.protocolType();
                result.add(new GroupListing(group.groupId(), type == null ? "" : type, state));
            }
        }
        return result;
    }

    /** Null if there is no such group. */
    public DescribedGroup describe(String groupId) {
        ClassicGroup group = groups.get(groupId);
        if (group == null || group.state() == GroupState.DEAD) {
            return null;
        }
        return group.describe();
    }

    /** DeleteGroups: an empty group and its offsets go; NON_EMPTY_GROUP while it has members. */
    public Errors delete(String groupId) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return Errors.GROUP_ID_NOT_FOUND;
        }
        synchronized (group) {
            if (!group.markDeadIfEmpty()) {
                return group.state() == GroupState.DEAD ? Errors.GROUP_ID_NOT_FOUND : Errors.NON_EMPTY_GROUP;
            }
            offsets.deleteGroup(groupId);
            groups.remove(groupId, group);
        }
        log.info("Deleted group {} and its committed offsets", groupId);
        return Errors.NONE;
    }

    /** The result of OffsetDelete: a group-level error, or the partitions refused because the group consumes them. */
    public record OffsetDeleteResult(Errors error, Set<TopicPartition> subscribed) {
    }

    public OffsetDeleteResult deleteOffsets(String groupId, Collection<TopicPartition> partitions) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return new OffsetDeleteResult(Errors.GROUP_ID_NOT_FOUND, Set.of());
        }
        synchronized (group) {
            if (group.state() == GroupState.DEAD) {
                return new OffsetDeleteResult(Errors.GROUP_ID_NOT_FOUND, Set.of());
            }
            Set<String> topics = Set.of();
            if (group.hasMembers()) {
                if (!"consumer".equals(group.protocolType())) {
                    return new OffsetDeleteResult(Errors.NON_EMPTY_GROUP, Set.of());
                }
                topics = group.subscribedTopics();
            }
            List<TopicPartition> deletable = new ArrayList<>();
            Set<TopicPartition> refused = new HashSet<>();
            for (TopicPartition tp : partitions) {
                if (topics.contains(tp.topic())) {
                    refused.add(tp);
                } else {
                    deletable.add(tp);
                }
            }
            offsets.deleteOffsets(groupId, deletable);
            return new OffsetDeleteResult(Errors.NONE, refused);
        }
    }

    /**
     * Offsets expiry and the offsets log's flush/compaction: offsets of topics that no longer
     * exist are dropped; a group empty for longer than the retention (counted from when it became
     * empty or its last commit, whichever is later) loses its offsets and disappears.
     */
    public void runMaintenance(Predicate<String> topicExists) {
        long now = clock.millis();
        int dropped = offsets.dropTopicsThatAreGone(topicExists);
        if (dropped > 0) {
            log.info("Dropped {} committed offset(s) of deleted topics", dropped);
        }
        for (ClassicGroup group : groups.values()) {
            synchronized (group) {
                if (group.state() != GroupState.EMPTY) {
                    continue;
                }
                if (offsets.hasOffsets(group.groupId())) {
                    long since = Math.max(group.emptySinceMs(), offsets.lastCommitMs(group.groupId()));
                    if (now - since < config.offsetsRetentionMs()) {
                        continue;
                    }
                    log.info("Expiring the committed offsets of group {}: empty for more than offsets retention-ms {}",
                            group.groupId(), config.offsetsRetentionMs());
                    offsets.deleteGroup(group.groupId());
                }
                if (group.markDeadIfEmpty()) {
                    groups.remove(group.groupId(), group);
                }
            }
        }
        offsets.runMaintenance();
    }

    OffsetStore offsetStore() {
        return offsets;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        offsets.close();
    }
}
