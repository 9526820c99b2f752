package io.tributary.cli.quickstart;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The quickstart's Admin client: creates its topics and measures the records waiting in the
 * broker for the sinks. Lag per (group, topic) is the end offset of every partition minus the
 * group's committed offset (what {@code tributary groups describe} shows as LAG), summed; a
 * partition the group never committed counts from offset 0. Not thread-safe (asked from the
 * progress thread only, after the topics were created).
 */
public final class QuickstartAdmin implements AutoCloseable {
    private static final long TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final Map<String, String> topicByGroup;

    /** @param topicByGroup the topic each consumer group loads */
    public QuickstartAdmin(String bootstrap, Map<String, String> topicByGroup) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tributary-quickstart-progress");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        this.admin = Admin.create(props);
        this.topicByGroup = Map.copyOf(topicByGroup);
    }

    /** Creates the topics (one partition each) unless they exist. */
    public void createTopics(Set<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        var missing = topics.stream().filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, 1, (short) 1)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** The total lag over every group, or -1 when the broker did not answer in time. */
    public long total() throws InterruptedException {
        try {
            long total = 0;
            for (Map.Entry<String, String> e : topicByGroup.entrySet()) {
                total += lag(e.getKey(), e.getValue());
            }
            return total;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return -1;
        }
    }

    private long lag(String group, String topic) throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> partitions = admin.describeTopics(Set.of(topic)).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            lag += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
