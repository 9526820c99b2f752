package io.tributary.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tributary topics describe [TOPIC...]}: partitions, leaders, start/end offsets and the
 * settings the topic overrides, in the layout of {@code kafka-topics.sh --describe}.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show partitions, offsets and overridden settings of topics (all topics by default).")
public final class TopicsDescribeCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(arity = "0..*", paramLabel = "TOPIC", description = "topic(s) to describe (default: all)")
    List<String> topics = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            describe(admin, spec.commandLine().getOut());
        }
        return 0;
    }

    private void describe(Admin admin, PrintWriter out) {
        List<String> names = topics.isEmpty()
                ? new ArrayList<>(new TreeSet<>(ClientErrors.await(admin.listTopics(new ListTopicsOptions()).names(), client, "listing topics")))
                : topics;
        if (names.isEmpty()) {
            return;
        }
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(names).topicNameValues();
        Map<String, TopicDescription> descriptions = new HashMap<>();
        for (String name : names) {
            descriptions.put(name, ClientErrors.await(futures.get(name), client, "describing topic '" + name + "'",
                    UnknownTopicOrPartitionException.class, "topic '" + name + "' does not exist"));
        }
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = ClientErrors.await(admin.describeConfigs(resources).all(), client, "describing topic configs");
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
            latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResultInfo> starts = ClientErrors.await(admin.listOffsets(earliest).all(), client, "listing offsets");
        Map<TopicPartition, ListOffsetsResultInfo> ends = ClientErrors.await(admin.listOffsets(latest).all(), client, "listing offsets");

        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            int replication = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            String overrides = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).entries().stream()
                    .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .map(e -> e.name() + "=" + e.value()).sorted().collect(Collectors.joining(","));
            out.printf("Topic: %s\tTopicId: %s\tPartitionCount: %d\tReplicationFactor: %d\tConfigs: %s%n",
                    name, d.topicId(), d.partitions().size(), replication, overrides);
            for (TopicPartitionInfo p : d.partitions()) {
                TopicPartition tp = new TopicPartition(name, p.partition());
                out.printf("\tTopic: %s\tPartition: %d\tLeader: %s\tReplicas: %s\tIsr: %s\tStartOffset: %d\tEndOffset: %d%n",
                        name, p.partition(), p.leader() == null ? "none" : p.leader().id(), ids(p.replicas()), ids(p.isr()),
                        starts.get(tp).offset(), ends.get(tp).offset());
            }
        }
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(","));
    }
}
