package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a misbehaving or retrying client sends: duplicate idempotent batches, corrupt batches,
 * oversized / garbage / truncated frames, unknown APIs. The broker answers with Kafka's error
 * code where the protocol has one, closes only the offending connection otherwise, and keeps
 * serving everyone else.
 */
class ProtocolEdgeCasesTest {
    private static final short PRODUCE_V12 = 12;
    @TempDir
    static Path dataDir;
    static BrokerLite broker;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerLite.start(BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0"));
        try (Admin admin = BrokerTestSupport.admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("edge", 1, (short) 1), new NewTopic("dups", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void brokerStillServesANormalClient() throws Exception {
        String value = "still-alive-" + System.nanoTime();
        long offset;
        try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(), Map.of())) {
            offset = producer.send(new ProducerRecord<>("edge", 0, "k", value)).get().offset();
        }
        try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(broker.bootstrapServers(), Map.of())) {
            TopicPartition tp = new TopicPartition("edge", 0);
            assertThat(BrokerTestSupport.readAll(consumer, List.of(tp), (int) offset + 1).get((int) offset).value()).isEqualTo(value);
        }
    }

    @Test
    void aRetriedIdempotentBatchIsAcknowledgedWithItsOriginalOffsetsAndStoredOnce() throws Exception {
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            InitProducerIdResponse init = (InitProducerIdResponse) client.send(
                    new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000), (short) 4);
            long pid = init.data().producerId();
            short epoch = init.data().producerEpoch();
            assertThat(init.error()).isEqualTo(Errors.NONE);

            ProduceResponse first = produce(client, "dups", idempotentBatch(pid, epoch, 0, 3));
            ProduceResponse retry = produce(client, "dups", idempotentBatch(pid, epoch, 0, 3));
            ProduceResponse next = produce(client, "dups", idempotentBatch(pid, epoch, 3, 2));
            ProduceResponse gap = produce(client, "dups", idempotentBatch(pid, epoch, 9, 1));

            assertThat(partition(first).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(partition(first).baseOffset()).isZero();
            assertThat(partition(retry).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(partition(retry).baseOffset()).isZero();
            assertThat(partition(next).baseOffset()).isEqualTo(3);
            assertThat(partition(gap).errorCode()).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
            assertThat(latestOffset(client, "dups")).isEqualTo(5);
        }
    }

    @Test
    void aBatchWithABadCrcIsRejectedWithCorruptMessage() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(System.currentTimeMillis(), "k".getBytes(), "some value".getBytes()));
        ByteBuffer buffer = records.buffer();
        buffer.put(buffer.limit() - 2, (byte) (buffer.get(buffer.limit() - 2) ^ 0x5a));
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            long before = latestOffset(client, "edge");
            ProduceResponse response = produce(client, "edge", MemoryRecords.readableRecords(buffer));
            assertThat(partition(response).errorCode()).isEqualTo(Errors.CORRUPT_MESSAGE.code());
            assertThat(latestOffset(client, "edge")).isEqualTo(before);
        }
    }

    @Test
    void aBatchThatIsNotMagicV2IsRejected() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("old format".getBytes()));
        ByteBuffer buffer = records.buffer();
        buffer.put(16, (byte) 1); // magic byte: offset 8 + length 4 + leader epoch 4
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            long before = latestOffset(client, "edge");
            ProduceResponse response = produce(client, "edge", MemoryRecords.readableRecords(buffer));
            assertThat(Errors.forCode(partition(response).errorCode()))
                    .isIn(Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT, Errors.CORRUPT_MESSAGE, Errors.INVALID_RECORD);
            assertThat(latestOffset(client, "edge")).isEqualTo(before);
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesTheConnection() throws Exception {
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            client.sendBytes(ByteBuffer.allocate(4).putInt(500 * 1024 * 1024).array());
            assertThat(client.closedByBroker()).isTrue();
        }
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            client.sendBytes(ByteBuffer.allocate(4).putInt(-7).array());
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void anUnknownApiKeyOrUnsupportedVersionClosesTheConnection() throws Exception {
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            client.sendFrame(header((short) 9999, (short) 0));
            assertThat(client.closedByBroker()).isTrue();
        }
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            client.sendFrame(header(ApiKeys.METADATA.id, (short) 99));
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void apiVersionsAtAnUnknownVersionAnswersUnsupportedVersionWithTheSupportedRanges() throws Exception {
        try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
            client.sendFrame(header(ApiKeys.API_VERSIONS.id, (short) 99));
            ByteBuffer response = ByteBuffer.wrap(client.readFrame());
            assertThat(response.getInt()).isEqualTo(7); // correlation id, response header v0
            ApiVersionsResponse parsed = ApiVersionsResponse.parse(new org.apache.kafka.common.protocol.ByteBufferAccessor(response), (short) 0);
            assertThat(parsed.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            assertThat(parsed.data().apiKeys().find(ApiKeys.PRODUCE.id)).isNotNull();
            // The connection stays usable: the client retries at a version we support.
            ApiVersionsResponse retry = (ApiVersionsResponse) client.send(new ApiVersionsRequestData(), (short) 3);
            assertThat(retry.data().errorCode()).isEqualTo(Errors.NONE.code());
        }
    }

    @Test
    void garbageAndTruncatedRequestsCloseOnlyTheirConnection() throws Exception {
        byte[] garbage = new byte[300];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0;
        garbage[1] = 3; // Metadata, so the header parses and the body is garbage
        try (RawKafkaClient bystander = new RawKafkaClient(broker.port())) {
            try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
                client.sendFrame(garbage);
                assertThat(client.closedByBroker()).isTrue();
            }
            try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
                byte[] header = header(ApiKeys.PRODUCE.id, PRODUCE_V12);
                byte[] truncated = new byte[header.length + 3];
                System.arraycopy(header, 0, truncated, 0, header.length);
                client.sendFrame(truncated);
                assertThat(client.closedByBroker()).isTrue();
            }
            try (RawKafkaClient client = new RawKafkaClient(broker.port())) {
                client.sendFrame(new byte[]{0, 1});
                assertThat(client.closedByBroker()).isTrue();
            }
            ApiVersionsResponse stillThere = (ApiVersionsResponse) bystander.send(new ApiVersionsRequestData(), (short) 3);
            assertThat(stillThere.data().errorCode()).isEqualTo(Errors.NONE.code());
        }
    }

    private static byte[] header(short apiKey, short version) {
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(apiKey).setRequestApiVersion(version)
                .setCorrelationId(7).setClientId("raw");
        ByteBuffer buf = RequestUtils.serialize(header, (short) 1, new ApiVersionsRequestData(), (short) 0);
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }

    private static MemoryRecords idempotentBatch(long pid, short epoch, int firstSeq, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(System.currentTimeMillis(), null, ("seq-" + (firstSeq + i)).getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, pid, epoch, firstSeq, records);
    }

    private static ProduceResponse produce(RawKafkaClient client, String topic, MemoryRecords records) throws Exception {
        ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceData topicData = new ProduceRequestData.TopicProduceData().setName(topic);
        topicData.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records));
        request.topicData().add(topicData);
        return (ProduceResponse) client.send(request, PRODUCE_V12);
    }

    private static org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse partition(ProduceResponse response) {
        return response.data().responses().iterator().next().partitionResponses().get(0);
    }

    private static long latestOffset(RawKafkaClient client, String topic) throws Exception {
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
        request.topics().add(new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-1))));
        ListOffsetsResponse response = (ListOffsetsResponse) client.send(request, (short) 7);
        return response.data().topics().get(0).partitions().get(0).offset();
    }
}
