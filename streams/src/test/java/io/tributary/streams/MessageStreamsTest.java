package io.tributary.streams;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** MessageStreams against an in-process broker-lite, with real producers. */
class MessageStreamsTest {
    @TempDir
    Path dataDir;
    BrokerLite broker;
    KafkaProducer<String, String> producer;
    final ExecutorService readers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        broker = BrokerLite.start(BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0")
                .withGroups(new BrokerConfig.GroupSettings(500L, null, 0L)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void stop() throws Exception {
        readers.shutdownNow();
        readers.awaitTermination(10, TimeUnit.SECONDS);
        producer.close();
        broker.close();
    }

    private StreamSettings.Builder settings() {
        return StreamSettings.builder(broker.bootstrapServers())
                .consumerProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .consumerProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 2_000)
                .consumerProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
    }

    private void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private Set<String> produce(String topic, int partitions, int perPartition) {
        Set<String> values = new HashSet<>();
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < perPartition; i++) {
                String v = p + "-" + i;
                producer.send(new ProducerRecord<>(topic, p, "k" + i, v));
                values.add(v);
            }
        }
        producer.flush();
        return values;
    }

    /** Reads a stream on a pool thread into {@code sink} until the set is closed. */
    private void drain(MessageStream stream, ConcurrentLinkedQueue<Message> sink) {
        readers.submit(() -> {
            for (Message m : stream) {
                sink.add(m);
            }
        });
    }

    @Test
    void nStreamsGetDisjointPartitionsThatTogetherAreTheWholeTopic() throws Exception {
        createTopic("spread", 6);
        Set<String> produced = produce("spread", 6, 50);
        try (MessageStreams set = MessageStreams.createMessageStreams("spread", 3, "spreaders", settings().build())) {
            List<ConcurrentLinkedQueue<Message>> perStream = new ArrayList<>();
            for (MessageStream stream : set.streams()) {
                ConcurrentLinkedQueue<Message> sink = new ConcurrentLinkedQueue<>();
                perStream.add(sink);
                drain(stream, sink);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> perStream.stream().mapToInt(ConcurrentLinkedQueue::size).sum() >= 300);

            Set<String> all = new HashSet<>();
            Map<Integer, Integer> streamOfPartition = new HashMap<>();
            for (int s = 0; s < perStream.size(); s++) {
                Set<Integer> partitions = new HashSet<>();
                for (Message m : perStream.get(s)) {
                    assertThat(all.add(m.valueAsString())).as("%s delivered once", m).isTrue();
                    partitions.add(m.partition());
                    Integer previous = streamOfPartition.put(m.partition(), s);
                    assertThat(previous == null || previous == s).as("partition %d on one stream only", m.partition()).isTrue();
                }
                assertThat(partitions).as("stream %d gets an even share", s).hasSize(2);
            }
            assertThat(all).isEqualTo(produced);
            // Per partition, offset order.
            for (ConcurrentLinkedQueue<Message> sink : perStream) {
                Map<Integer, Long> last = new HashMap<>();
                for (Message m : sink) {
                    assertThat(m.offset()).isGreaterThan(last.getOrDefault(m.partition(), -1L));
                    last.put(m.partition(), m.offset());
                }
            }
        }
    }

    @Test
    void nextBlocksWhileNothingIsPublishedAndReturnsAsSoonAsARecordArrives() throws Exception {
        createTopic("quiet", 1);
        try (MessageStreams set = MessageStreams.create("quiet", 1, "waiters", settings().build())) {
            Iterator<Message> it = set.streams().get(0).iterator();
            CompletableFuture<Message> next = CompletableFuture.supplyAsync(it::next, readers);
            Awaitility.await("next() keeps blocking").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                    .until(() -> !next.isDone());
            // Wait until this member owns the partition, so the record is fetched as a new one.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> groupState("waiters") == GroupState.STABLE);
            long sentAt = System.nanoTime();
            producer.send(new ProducerRecord<String, String>("quiet", 0, "key", "hello",
                    List.of(new RecordHeader("h", "x".getBytes(StandardCharsets.UTF_8))))).get();
            Message m = next.get(5, TimeUnit.SECONDS);
            long latencyMs = (System.nanoTime() - sentAt) / 1_000_000;
            assertThat(m.valueAsString()).isEqualTo("hello");
            assertThat(m.keyAsString()).isEqualTo("key");
            assertThat(m.topic()).isEqualTo("quiet");
            assertThat(m.offset()).isZero();
            assertThat(m.timestamp()).isPositive();
            assertThat(m.headers()).hasSize(1);
            assertThat(new String(m.headers().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("x");
            assertThat(latencyMs).as("delivered promptly (long-poll fetch)").isLessThan(2_000);
        }
    }

    @Test
    void autoModeCommitsWhatTheIteratorMovedPastAndCloseLeavesTheGroupAtOnce() throws Exception {
        createTopic("auto", 1);
        produce("auto", 1, 10);
        try (MessageStreams set = MessageStreams.create("auto", 1, "autos", settings().build())) {
            Iterator<Message> it = set.streams().get(0).iterator();
            for (int i = 0; i < 5; i++) {
                assertThat(it.next().offset()).isEqualTo(i);
            }
            // Offsets 0-3 were moved past; offset 4 is still "being processed".
        }
        // LeaveGroup on close: the group is empty immediately, not after the session timeout.
        assertThat(groupState("autos")).isEqualTo(GroupState.EMPTY);
        assertThat(committedOffset("autos", "auto")).isEqualTo(4);
        try (MessageStreams set = MessageStreams.create("auto", 1, "autos", settings().build())) {
            assertThat(set.streams().get(0).iterator().next().offset()).isEqualTo(4);
        }
    }

    @Test
    void manualModeCommitsOnlyOnCommitAndThenEverythingReturned() throws Exception {
        createTopic("manual", 1);
        produce("manual", 1, 10);
        try (MessageStreams set = MessageStreams.create("manual", 1, "manuals", settings().commitMode(CommitMode.MANUAL).build())) {
            Iterator<Message> it = set.streams().get(0).iterator();
            for (int i = 0; i < 5; i++) {
                it.next();
            }
            set.commit();
            assertThat(committedOffset("manuals", "manual")).isEqualTo(5);
            it.next();
            it.next();
        }
        assertThat(committedOffset("manuals", "manual")).isEqualTo(5);
        try (MessageStreams set = MessageStreams.create("manual", 1, "manuals", settings().commitMode(CommitMode.MANUAL).build())) {
            assertThat(set.streams().get(0).iterator().next().offset()).isEqualTo(5);
        }
    }

    @Test
    void aFullStreamPausesItsPartitionsWithoutLosingOrReorderingAnything() throws Exception {
        createTopic("slow", 2);
        produce("slow", 2, 1_000);
        try (MessageStreams set = MessageStreams.create("slow", 1, "slowpokes", settings().queueCapacity(10).build())) {
            MessageStream stream = set.streams().get(0);
            Iterator<Message> it = stream.iterator();
            Message first = it.next();
            assertThat(first.offset()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.buffered() == 10);
            Awaitility.await("the buffer stays bounded").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> stream.buffered() <= 10);
            Map<Integer, Long> next = new HashMap<>(Map.of(0, 0L, 1, 0L));
            next.put(first.partition(), 1L);
            for (int read = 1; read < 2_000; read++) {
                Message m = it.next();
                assertThat(m.offset()).as("partition %d in order, nothing lost", m.partition()).isEqualTo(next.get(m.partition()));
                next.merge(m.partition(), 1L, Long::sum);
            }
            assertThat(next).containsOnly(Map.entry(0, 1_000L), Map.entry(1, 1_000L));
        }
    }

    @Test
    void twoStreamSetsInOneGroupSplitTheTopicAndTheSurvivorTakesOverWhenOneCloses() throws Exception {
        createTopic("shared", 4);
        ConcurrentLinkedQueue<Message> first = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Message> second = new ConcurrentLinkedQueue<>();
        MessageStreams a = MessageStreams.create("shared", 2, "sharers", settings().build());
        try (MessageStreams b = MessageStreams.create("shared", 2, "sharers", settings().build())) {
            a.streams().forEach(s -> drain(s, first));
            b.streams().forEach(s -> drain(s, second));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> groupState("sharers") == GroupState.STABLE
                    && memberCount("sharers") == 2);
            Set<String> before = produce("shared", 4, 25);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> first.size() + second.size() >= 100);
            assertThat(first).isNotEmpty();
            assertThat(second).isNotEmpty();
            a.close();
            Set<String> after = new HashSet<>();
            for (int i = 0; i < 25; i++) {
                for (int p = 0; p < 4; p++) {
                    producer.send(new ProducerRecord<>("shared", p, "k", "late-" + p + "-" + i));
                    after.add("late-" + p + "-" + i);
                }
            }
            producer.flush();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    second.stream().map(Message::valueAsString).toList().containsAll(after));
            Set<String> everything = new HashSet<>();
            first.forEach(m -> everything.add(m.valueAsString()));
            second.forEach(m -> everything.add(m.valueAsString()));
            assertThat(everything).containsAll(before);
        } finally {
            a.close();
        }
    }

    private GroupState groupState(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).groupState();
        }
    }

    private int memberCount(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }

    private long committedOffset(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var o = offsets.get(new org.apache.kafka.common.TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        }
    }
}
