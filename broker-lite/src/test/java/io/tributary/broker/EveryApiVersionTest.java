package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import io.tributary.broker.internal.api.ApiVersionRanges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every advertised version of every API, encoded by kafka-clients' own classes: the broker
 * answers with a response that kafka-clients parses, without an error, on the same connection.
 * (Older clients and librdkafka use older versions than the Java client's latest.)
 */
class EveryApiVersionTest {
    @TempDir
    static Path dataDir;
    static BrokerLite broker;
    static Uuid topicId;
    /** A static member of group "sync-g" in a stable generation, for SyncGroup and Heartbeat. */
    static JoinGroupResponseData syncMember;
    /** One static member per LeaveGroup version, each in its own group, to be removed by that version. */
    static final Map<Short, String> leavingMembers = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerTestSupport.startBroker(dataDir);
        try (Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("versions", 2, (short) 1))).all().get();
            topicId = admin.describeTopics(List.of("versions")).allTopicNames().get().get("versions").topicId();
        }
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            syncMember = (JoinGroupResponseData) client.send(staticJoin("sync-g", "sync-instance"), (short) 5).data();
            client.send(syncRequest((short) 5), (short) 5);
            for (short v = ApiVersionRanges.min(ApiKeys.LEAVE_GROUP); v <= ApiVersionRanges.max(ApiKeys.LEAVE_GROUP); v++) {
                JoinGroupResponseData joined = (JoinGroupResponseData) client.send(staticJoin("leave-v" + v, "leave-instance"), (short) 5).data();
                leavingMembers.put(v, joined.memberId());
            }
            for (short v = ApiVersionRanges.min(ApiKeys.DELETE_GROUPS); v <= ApiVersionRanges.max(ApiKeys.DELETE_GROUPS); v++) {
                client.send(commit("delete-v" + v, (short) 5), (short) 5);
            }
        }
    }

    private static JoinGroupRequestData staticJoin(String group, String instanceId) {
        JoinGroupRequestData req = new JoinGroupRequestData().setGroupId(group).setMemberId("").setGroupInstanceId(instanceId)
                .setSessionTimeoutMs(1_800_000).setRebalanceTimeoutMs(10_000).setProtocolType("consumer");
        req.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[0]));
        return req;
    }

    private static ApiMessage joinGroup(short version, int n) {
        JoinGroupRequestData req = new JoinGroupRequestData().setGroupId("join-v" + version + "-" + n).setMemberId("")
                .setSessionTimeoutMs(10_000).setRebalanceTimeoutMs(10_000).setProtocolType("consumer");
        if (version >= 5) {
            req.setGroupInstanceId("instance");
        }
        req.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[]{1}));
        return req;
    }

    private static ApiMessage syncRequest(short version) {
        SyncGroupRequestData req = new SyncGroupRequestData().setGroupId("sync-g").setGenerationId(syncMember.generationId())
                .setMemberId(syncMember.memberId()).setGroupInstanceId(version >= 3 ? "sync-instance" : null);
        if (version >= 5) {
            req.setProtocolType("consumer").setProtocolName("range");
        }
        req.assignments().add(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(syncMember.memberId())
                .setAssignment(new byte[]{7}));
        return req;
    }

    private static ApiMessage leaveGroup(short version) {
        String memberId = leavingMembers.get(version);
        LeaveGroupRequestData req = new LeaveGroupRequestData().setGroupId("leave-v" + version);
        if (version >= 3) {
            req.members().add(new LeaveGroupRequestData.MemberIdentity().setMemberId(memberId).setGroupInstanceId("leave-instance"));
        } else {
            req.setMemberId(memberId);
        }
        return req;
    }

    private static ApiMessage commit(String group, short version) {
        OffsetCommitRequestData.OffsetCommitRequestTopic topic = new OffsetCommitRequestData.OffsetCommitRequestTopic();
        if (version >= 10) {
            topic.setTopicId(topicId);
        } else {
            topic.setName("versions");
        }
        topic.partitions().add(new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(0)
                .setCommittedOffset(1).setCommittedMetadata("m"));
        return new OffsetCommitRequestData().setGroupId(group).setGenerationIdOrMemberEpoch(-1).setMemberId("")
                .setTopics(List.of(topic));
    }

    private static ApiMessage offsetFetch(short version) {
        if (version < 8) {
            return new OffsetFetchRequestData().setGroupId("commit-g").setTopics(List.of(
                    new OffsetFetchRequestData.OffsetFetchRequestTopic().setName("versions").setPartitionIndexes(List.of(0))));
        }
        OffsetFetchRequestData.OffsetFetchRequestTopics topic = new OffsetFetchRequestData.OffsetFetchRequestTopics()
                .setPartitionIndexes(List.of(0, 1));
        if (version >= 10) {
            topic.setTopicId(topicId);
        } else {
            topic.setName("versions");
        }
        return new OffsetFetchRequestData().setGroups(List.of(
                new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("commit-g").setTopics(List.of(topic)),
                new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("sync-g").setTopics(null)));
    }

    private static ApiMessage findCoordinator(short version) {
        FindCoordinatorRequestData req = new FindCoordinatorRequestData();
        if (version >= 4) {
            req.setCoordinatorKeys(List.of("g1", "g2"));
        } else {
            req.setKey("g1");
        }
        return req;
    }

    private static ApiMessage offsetDelete(short version) {
        OffsetDeleteRequestData req = new OffsetDeleteRequestData().setGroupId("commit-g");
        OffsetDeleteRequestData.OffsetDeleteRequestTopic topic = new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName("versions");
        topic.partitions().add(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0));
        req.topics().add(topic);
        return req;
    }

    /** What a correct broker answers; NONE except where the protocol demands an error. */
    private static Errors expectedError(ApiKeys key, short version) {
        // JoinGroup v4 without group.instance.id: a new member first gets its id with MEMBER_ID_REQUIRED (KIP-394).
        return key == ApiKeys.JOIN_GROUP && version == 4 ? Errors.MEMBER_ID_REQUIRED : Errors.NONE;
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> everyVersion() {
        Map<ApiKeys, BiFunction<Short, Integer, ApiMessage>> requests = Map.ofEntries(
                Map.entry(ApiKeys.API_VERSIONS, (v, n) -> new ApiVersionsRequestData()
                        .setClientSoftwareName("test").setClientSoftwareVersion("1.0")),
                Map.entry(ApiKeys.METADATA, (v, n) -> new MetadataRequestData().setTopics(List.of(
                        new MetadataRequestData.MetadataRequestTopic().setName("versions")))),
                Map.entry(ApiKeys.PRODUCE, EveryApiVersionTest::produce),
                Map.entry(ApiKeys.FETCH, EveryApiVersionTest::fetch),
                Map.entry(ApiKeys.LIST_OFFSETS, (v, n) -> new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(
                        new ListOffsetsRequestData.ListOffsetsTopic().setName("versions").setPartitions(List.of(
                                new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-2)))))),
                Map.entry(ApiKeys.CREATE_TOPICS, (v, n) -> {
                    CreateTopicsRequestData req = new CreateTopicsRequestData().setTimeoutMs(5000);
                    req.topics().add(new CreateTopicsRequestData.CreatableTopic().setName("created-v" + v + "-" + n)
                            .setNumPartitions(1).setReplicationFactor((short) 1));
                    return req;
                }),
                Map.entry(ApiKeys.DELETE_TOPICS, (v, n) -> {
                    DeleteTopicsRequestData req = new DeleteTopicsRequestData().setTimeoutMs(5000);
                    if (v >= 6) {
                        req.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName("created-v2-0"));
                    } else {
                        req.setTopicNames(List.of("created-v" + (2 + v) + "-0"));
                    }
                    return req;
                }),
                Map.entry(ApiKeys.INIT_PRODUCER_ID, (v, n) -> new InitProducerIdRequestData().setTransactionalId(null)
                        .setTransactionTimeoutMs(1000)),
                Map.entry(ApiKeys.DESCRIBE_CONFIGS, (v, n) -> new DescribeConfigsRequestData().setResources(List.of(
                        new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType(ConfigResource.Type.TOPIC.id())
                                .setResourceName("versions").setConfigurationKeys(null)))),
                Map.entry(ApiKeys.CREATE_PARTITIONS, (v, n) -> {
                    CreatePartitionsRequestData req = new CreatePartitionsRequestData().setTimeoutMs(5000).setValidateOnly(true);
                    req.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName("versions").setCount(10)
                            .setAssignments(null));
                    return req;
                }),
                Map.entry(ApiKeys.DESCRIBE_CLUSTER, (v, n) -> new DescribeClusterRequestData().setEndpointType((byte) 1)),
                Map.entry(ApiKeys.FIND_COORDINATOR, (v, n) -> findCoordinator(v)),
                Map.entry(ApiKeys.JOIN_GROUP, EveryApiVersionTest::joinGroup),
                Map.entry(ApiKeys.SYNC_GROUP, (v, n) -> syncRequest(v)),
                Map.entry(ApiKeys.HEARTBEAT, (v, n) -> new HeartbeatRequestData().setGroupId("sync-g")
                        .setGenerationId(syncMember.generationId()).setMemberId(syncMember.memberId())
                        .setGroupInstanceId(v >= 3 ? "sync-instance" : null)),
                Map.entry(ApiKeys.LEAVE_GROUP, (v, n) -> leaveGroup(v)),
                Map.entry(ApiKeys.OFFSET_COMMIT, (v, n) -> commit("commit-g", v)),
                Map.entry(ApiKeys.OFFSET_FETCH, (v, n) -> offsetFetch(v)),
                Map.entry(ApiKeys.LIST_GROUPS, (v, n) -> new ListGroupsRequestData()),
                Map.entry(ApiKeys.DESCRIBE_GROUPS, (v, n) -> new DescribeGroupsRequestData().setGroups(List.of("sync-g", "commit-g"))),
                Map.entry(ApiKeys.DELETE_GROUPS, (v, n) -> new DeleteGroupsRequestData().setGroupsNames(List.of("delete-v" + v))),
                Map.entry(ApiKeys.OFFSET_DELETE, (v, n) -> offsetDelete(v)));
        List<Arguments> args = new ArrayList<>();
        ApiVersionRanges.all().forEach((key, range) -> {
            for (short v = range[0]; v <= range[1]; v++) {
                args.add(Arguments.of(key, v, requests.get(key)));
            }
        });
        return args.stream();
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyVersion")
    void theBrokerAnswersEveryAdvertisedVersion(ApiKeys key, short version, BiFunction<Short, Integer, ApiMessage> request)
            throws Exception {
        assertThat(request).as("a test request for %s", key).isNotNull();
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            AbstractResponse response = client.send(request.apply(version, 0), version);
            assertThat(response.errorCounts().keySet()).as("errors of %s v%d: %s", key, version, response.data())
                    .containsOnly(expectedError(key, version));
            // Same connection, second request: nothing was left half-read.
            AbstractResponse again = client.send(new ApiVersionsRequestData(), (short) 3);
            assertThat(again.errorCounts().keySet()).containsOnly(Errors.NONE);
        }
    }

    private static ApiMessage produce(short version, int n) {
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData();
        if (version >= 13) {
            topic.setTopicId(topicId);
        } else {
            topic.setName("versions");
        }
        topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0)
                .setRecords(MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(("v" + version).getBytes()))));
        ProduceRequestData req = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(5000);
        req.topicData().add(topic);
        return req;
    }

    private static ApiMessage fetch(short version, int n) {
        FetchRequestData.FetchTopic topic = new FetchRequestData.FetchTopic();
        if (version >= 13) {
            topic.setTopicId(topicId);
        } else {
            topic.setTopic("versions");
        }
        topic.partitions().add(new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0)
                .setPartitionMaxBytes(1 << 20));
        return new FetchRequestData().setReplicaId(-1).setMaxWaitMs(10).setMinBytes(1).setMaxBytes(1 << 20)
                .setTopics(List.of(topic));
    }
}
