package io.tributary.broker.internal.group;

import io.tributary.broker.internal.log.MutableClock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator's timers and expiry, with a clock the test moves (the tick thread reads it). */
class GroupCoordinatorTest {
    static final long RETENTION = 60_000;
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(10_000_000);
    GroupCoordinator coordinator;

    @BeforeEach
    void start() throws Exception {
        coordinator = GroupCoordinator.start(dir, new GroupConfig(100, 600_000, 0, RETENTION, Long.MAX_VALUE, Long.MAX_VALUE, 1 << 20), clock);
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    private static JoinRequest join(String group, String memberId, String instanceId, int sessionMs) {
        return new JoinRequest(group, memberId, instanceId, "client", "/127.0.0.1", sessionMs, 5_000, "consumer",
                List.of(new MemberProtocol("range", new byte[]{1})), false, true);
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAfterItsSessionTimeout() throws Exception {
        JoinGroupResponseData joined = coordinator.join(join("g", "", null, 1_000)).get();
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
        SyncGroupResponseData synced = coordinator.sync(new SyncRequest("g", joined.generationId(), joined.memberId(), null,
                null, null, Map.of(joined.memberId(), new byte[]{9}))).get();
        assertThat(synced.assignment()).containsExactly(9);
        assertThat(coordinator.heartbeat("g", joined.memberId(), null, joined.generationId())).isEqualTo(Errors.NONE);

        clock.advance(999);
        assertThat(coordinator.describe("g").groupState()).isEqualTo("Stable");
        clock.advance(2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> coordinator.describe("g").groupState().equals("Empty"));
        assertThat(coordinator.heartbeat("g", joined.memberId(), null, joined.generationId())).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void theJoinBarrierWaitsForKnownMembersAndDropsThoseThatMissTheRebalanceTimeout() throws Exception {
        JoinGroupResponseData first = coordinator.join(join("g", "", null, 60_000)).get();
        coordinator.sync(new SyncRequest("g", first.generationId(), first.memberId(), null, null, null, Map.of())).get();
        // A second member starts a rebalance; the first must rejoin before the barrier lifts.
        CompletableFuture<JoinGroupResponseData> second = coordinator.join(join("g", "", null, 60_000));
        assertThat(second).isNotDone();
        assertThat(coordinator.heartbeat("g", first.memberId(), null, first.generationId())).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        // The first never rejoins: after the rebalance timeout (5 s) it is dropped and the second proceeds alone.
        clock.advance(5_001);
        JoinGroupResponseData alone = second.get();
        assertThat(alone.generationId()).isEqualTo(first.generationId() + 1);
        assertThat(alone.leader()).isEqualTo(alone.memberId());
        assertThat(alone.members()).extracting(JoinGroupResponseData.JoinGroupResponseMember::memberId).containsExactly(alone.memberId());
        assertThat(coordinator.heartbeat("g", first.memberId(), null, first.generationId())).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aStaticMemberRestartingUnderItsInstanceIdKeepsItsAssignmentWithoutARebalance() throws Exception {
        JoinGroupResponseData leader = coordinator.join(join("g", "", "leader-host", 60_000)).get();
        CompletableFuture<JoinGroupResponseData> followerJoin = coordinator.join(join("g", "", "follower-host", 60_000));
        JoinGroupResponseData leaderAgain = coordinator.join(join("g", leader.memberId(), "leader-host", 60_000)).get();
        JoinGroupResponseData follower = followerJoin.get();
        CompletableFuture<SyncGroupResponseData> followerSync = coordinator.sync(new SyncRequest("g", follower.generationId(),
                follower.memberId(), "follower-host", null, null, Map.of()));
        coordinator.sync(new SyncRequest("g", leaderAgain.generationId(), leaderAgain.memberId(), "leader-host", null, null,
                Map.of(leaderAgain.memberId(), new byte[]{1}, follower.memberId(), new byte[]{2}))).get();
        assertThat(followerSync.get().assignment()).containsExactly(2);

        JoinGroupResponseData restarted = coordinator.join(join("g", "", "follower-host", 60_000)).get();
        assertThat(restarted.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(restarted.generationId()).isEqualTo(follower.generationId());
        assertThat(restarted.memberId()).isNotEqualTo(follower.memberId());
        SyncGroupResponseData resynced = coordinator.sync(new SyncRequest("g", restarted.generationId(), restarted.memberId(),
                "follower-host", null, null, Map.of())).get();
        assertThat(resynced.assignment()).containsExactly(2);
        // The old incarnation is fenced.
        assertThat(coordinator.heartbeat("g", follower.memberId(), "follower-host", follower.generationId()))
                .isEqualTo(Errors.FENCED_INSTANCE_ID);
        assertThat(coordinator.describe("g").groupState()).isEqualTo("Stable");
    }

    @Test
    void aNewDynamicMemberFirstGetsItsIdWithMemberIdRequiredThenJoinsWithIt() throws Exception {
        JoinRequest fresh = new JoinRequest("g", "", null, "client", "/127.0.0.1", 10_000, 5_000, "consumer",
                List.of(new MemberProtocol("range", new byte[]{1})), true, true);
        JoinGroupResponseData first = coordinator.join(fresh).get();
        assertThat(first.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        assertThat(first.memberId()).startsWith("client-");
        JoinGroupResponseData joined = coordinator.join(join("g", first.memberId(), null, 10_000)).get();
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(joined.memberId()).isEqualTo(first.memberId());
        assertThat(joined.leader()).isEqualTo(first.memberId());
    }

    @Test
    void theFirstRebalanceOfAnEmptyGroupWaitsTheInitialDelayForMoreMembers() throws Exception {
        coordinator.close();
        coordinator = GroupCoordinator.start(dir.resolve("delayed"), new GroupConfig(100, 600_000, 3_000, RETENTION,
                Long.MAX_VALUE, Long.MAX_VALUE, 1 << 20), clock);
        CompletableFuture<JoinGroupResponseData> a = coordinator.join(join("g", "", null, 60_000));
        clock.advance(2_000);
        CompletableFuture<JoinGroupResponseData> b = coordinator.join(join("g", "", null, 60_000));
        clock.advance(2_000);
        // 4 s after the first join, but only 2 s after the second: the delay was extended.
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !a.isDone() && !b.isDone());
        clock.advance(1_001);
        assertThat(a.get().members()).hasSize(2);
        assertThat(b.get().generationId()).isEqualTo(a.get().generationId());
    }

    @Test
    void badJoinsAreRefusedWithKafkasErrors() throws Exception {
        assertThat(coordinator.join(join("g", "", null, 50)).get().errorCode())
                .as("below the broker's minimum session timeout").isEqualTo(Errors.INVALID_SESSION_TIMEOUT.code());
        assertThat(coordinator.join(join("", "", null, 10_000)).get().errorCode()).isEqualTo(Errors.INVALID_GROUP_ID.code());
        assertThat(coordinator.join(join("g", "", null, 10_000)).get().errorCode()).isEqualTo(Errors.NONE.code());
        JoinRequest otherAssignor = new JoinRequest("g", "", null, "client", "/127.0.0.1", 10_000, 5_000, "consumer",
                List.of(new MemberProtocol("roundrobin", new byte[0])), false, true);
        assertThat(coordinator.join(otherAssignor).get().errorCode()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(coordinator.join(join("g", "no-such-member", null, 10_000)).get().errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void offsetsOfAGroupEmptyLongerThanTheRetentionExpire() throws Exception {
        TopicPartition tp = new TopicPartition("t", 0);
        assertThat(coordinator.commit("idle", "", null, -1, Map.of(tp, new CommittedOffset(5, -1, "", clock.millis()))))
                .isEqualTo(Errors.NONE);
        clock.advance(RETENTION - 1);
        coordinator.runMaintenance(topic -> true);
        assertThat(coordinator.committed("idle")).containsOnlyKeys(tp);
        clock.advance(2);
        coordinator.runMaintenance(topic -> true);
        assertThat(coordinator.committed("idle")).isEmpty();
        assertThat(coordinator.describe("idle")).isNull();
    }

    @Test
    void aGroupWithMembersKeepsItsOffsetsAndCommitsFromOutsideTheGenerationAreRefused() throws Exception {
        TopicPartition tp = new TopicPartition("t", 0);
        JoinGroupResponseData joined = coordinator.join(join("busy", "", null, 600_000)).get();
        coordinator.sync(new SyncRequest("busy", joined.generationId(), joined.memberId(), null, null, null, Map.of())).get();
        CommittedOffset offset = new CommittedOffset(5, -1, "", clock.millis());
        assertThat(coordinator.commit("busy", joined.memberId(), null, joined.generationId(), Map.of(tp, offset))).isEqualTo(Errors.NONE);
        assertThat(coordinator.commit("busy", joined.memberId(), null, joined.generationId() - 1, Map.of(tp, offset)))
                .isEqualTo(Errors.ILLEGAL_GENERATION);
        assertThat(coordinator.commit("busy", "", null, -1, Map.of(tp, offset))).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.delete("busy")).isEqualTo(Errors.NON_EMPTY_GROUP);
        clock.advance(RETENTION * 2);
        coordinator.heartbeat("busy", joined.memberId(), null, joined.generationId());
        coordinator.runMaintenance(topic -> true);
        assertThat(coordinator.committed("busy")).containsOnlyKeys(tp);
        coordinator.runMaintenance(topic -> false);
        assertThat(coordinator.committed("busy")).isEmpty();
    }
}
