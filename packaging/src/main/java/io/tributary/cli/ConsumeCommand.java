package io.tributary.cli;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tributary consume TOPIC}: prints records, one per line, like
 * {@code kafka-console-consumer.sh}. Without {@code --group} it reads every partition (or one)
 * directly; with {@code --group} it joins the group and commits what it printed. Stops after
 * {@code --max-messages}, after {@code --idle-timeout} without records, or on Ctrl-C.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print records of a topic to stdout.")
public final class ConsumeCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "topic to read")
    String topic;

    @Option(names = "--from-beginning", description = "start at the oldest record (default: only new records, "
            + "or the group's committed offsets)")
    boolean fromBeginning;

    @Option(names = "--partition", paramLabel = "N", description = "read only this partition (not with --group)")
    Integer partition;

    @Option(names = "--offset", paramLabel = "OFFSET", description = "with --partition: start at this offset")
    Long offset;

    @Option(names = "--max-messages", paramLabel = "N", description = "stop after N records")
    Long maxMessages;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "stop after this long without a record (default: wait forever)")
    Double idleTimeoutSeconds;

    @Option(names = {"--group", "-g"}, paramLabel = "GROUP", description = "consume as a member of this consumer group and commit offsets")
    String group;

    @Option(names = "--format", paramLabel = "TEMPLATE", defaultValue = "{value}",
            description = "how to print a record; placeholders {topic} {partition} {offset} {timestamp} {key} {value} {headers} "
                    + "(default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE", description = "Kafka consumer setting, e.g. isolation.level=read_committed")
    List<String> consumerProperties = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RecordFormat recordFormat = RecordFormat.parse(format);
        checkUsage();
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        if (group != null) {
            overrides.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        overrides.putAll(KeyValueOptions.parse("--consumer-property", consumerProperties));

        long printed = 0;
        KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(client, overrides);
        CountDownLatch done = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(() -> {
            consumer.wakeup();
            awaitQuietly(done);
        }, "consume-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            start(consumer);
            printed = printRecords(consumer, recordFormat, spec.commandLine().getOut());
        } catch (WakeupException | InterruptException e) {
            // Ctrl-C before the first record: nothing to commit.
        } finally {
            try {
                consumer.close(Duration.ofMillis(Math.min(client.timeout().toMillis(), 2000)));
            } finally {
                done.countDown();
                removeHook(stopOnSignal);
            }
        }
        spec.commandLine().getErr().println("Processed a total of " + printed + " messages");
        return 0;
    }

    private void checkUsage() {
        if (group != null && partition != null) {
            throw CliException.usage("--partition cannot be combined with --group (the group assigns partitions)");
        }
        if (offset != null && partition == null) {
            throw CliException.usage("--offset needs --partition");
        }
        if (maxMessages != null && maxMessages < 1) {
            throw CliException.usage("--max-messages must be >= 1, got " + maxMessages);
        }
        if (idleTimeoutSeconds != null && !(idleTimeoutSeconds > 0)) {
            throw CliException.usage("--idle-timeout must be > 0, got " + idleTimeoutSeconds);
        }
    }

    private void start(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, client.timeout());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw ClientErrors.failure(e, client, "reading topic '" + topic + "'");
        }
        if (infos == null || infos.isEmpty()) {
            throw new CliException("topic '" + topic + "' does not exist");
        }
        if (group != null) {
            consumer.subscribe(List.of(topic));
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            if (partition == null || partition == info.partition()) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (partitions.isEmpty()) {
            throw new CliException("topic '" + topic + "' has no partition " + partition + " (it has " + infos.size() + ")");
        }
        consumer.assign(partitions);
        if (offset != null) {
            consumer.seek(partitions.get(0), offset);
        } else if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    private long printRecords(KafkaConsumer<byte[], byte[]> consumer, RecordFormat recordFormat, PrintWriter out) {
        long printed = 0;
        long idleLimitNanos = idleTimeoutSeconds == null ? Long.MAX_VALUE : (long) (idleTimeoutSeconds * 1e9);
        long lastRecord = System.nanoTime();
        // Offsets to commit: just past the last record printed per partition, never past what a poll fetched beyond it.
        Map<TopicPartition, OffsetAndMetadata> printedUpTo = new HashMap<>();
        try {
            while (maxMessages == null || printed < maxMessages) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(recordFormat.format(record));
                    printedUpTo.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    printed++;
                    if (maxMessages != null && printed >= maxMessages) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    lastRecord = System.nanoTime();
                    if (group != null) {
                        consumer.commitAsync(Map.copyOf(printedUpTo), null);
                    }
                } else if (System.nanoTime() - lastRecord > idleLimitNanos) {
                    break;
                }
            }
        } catch (WakeupException | InterruptException e) {
            // Ctrl-C: stop after what was printed, and commit it.
        }
        if (group != null && !printedUpTo.isEmpty()) {
            try {
                consumer.commitSync(printedUpTo, client.timeout());
            } catch (RuntimeException e) {
                throw ClientErrors.failure(e, client, "committing offsets of group '" + group + "'");
            }
        }
        return printed;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook is running.
        }
    }
}
