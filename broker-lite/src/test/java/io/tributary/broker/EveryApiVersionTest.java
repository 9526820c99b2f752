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
import org.apache.kafka.common.message.DescribeClusterRequestData;
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

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerTestSupport.startBroker(dataDir);
        try (Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("versions", 2, (short) 1))).all().get();
            topicId = admin.describeTopics(List.of("versions")).allTopicNames().get().get("versions").topicId();
        }
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
                Map.entry(ApiKeys.DESCRIBE_CLUSTER, (v, n) -> new DescribeClusterRequestData().setEndpointType((byte) 1)));
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
                    .containsOnly(Errors.NONE);
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
