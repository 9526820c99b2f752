package io.tributary.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code tributary groups describe GROUP}: per partition the committed offset, the log end
 * offset, the lag between them and the member that owns the partition, in the layout of
 * {@code kafka-consumer-groups.sh --describe}. A partition with no committed offset shows "-".
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a group's committed offset, end offset, lag and owner per partition.")
public final class GroupsDescribeCommand implements Callable<Integer> {
    private static final Comparator<TopicPartition> BY_TOPIC_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "GROUP", description = "consumer group id")
    String group;

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
        ConsumerGroupDescription description = ClientErrors.await(
                admin.describeConsumerGroups(List.of(group)).describedGroups().get(group), client,
                "describing group '" + group + "'", GroupIdNotFoundException.class,
                "consumer group '" + group + "' does not exist");
        Map<TopicPartition, OffsetAndMetadata> committed = ClientErrors.await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), client,
                "fetching offsets of group '" + group + "'");
        if (description.groupState() == GroupState.DEAD && committed.isEmpty()) {
            throw new CliException("consumer group '" + group + "' does not exist");
        }
        Map<TopicPartition, MemberDescription> owners = new HashMap<>();
        description.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> owners.put(tp, m)));

        TreeSet<TopicPartition> partitions = new TreeSet<>(BY_TOPIC_PARTITION);
        partitions.addAll(committed.keySet());
        partitions.addAll(owners.keySet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = partitions.isEmpty() ? Map.of()
                : ClientErrors.await(admin.listOffsets(latest).all(), client, "listing end offsets");

        TextTable table = new TextTable("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
                "CONSUMER-ID", "HOST", "CLIENT-ID");
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            Long current = offset == null ? null : offset.offset();
            long end = ends.get(tp).offset();
            MemberDescription owner = owners.get(tp);
            table.add(group, tp.topic(), tp.partition(), current, end, current == null ? null : Math.max(0, end - current),
                    owner == null ? null : owner.consumerId(), owner == null ? null : owner.host(),
                    owner == null ? null : owner.clientId());
        }
        if (description.members().isEmpty()) {
            out.println("Consumer group '" + group + "' has no active members (state " + description.groupState() + ").");
        }
        if (partitions.isEmpty()) {
            out.println("Consumer group '" + group + "' has no committed offsets and no assigned partitions.");
        } else {
            table.print(out);
        }
    }
}
