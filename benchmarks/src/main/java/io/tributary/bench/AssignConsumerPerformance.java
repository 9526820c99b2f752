package io.tributary.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Group-less consumer benchmark: assign() every partition of a topic, seekToBeginning(), read to the end offsets
 * taken at start. Run as a child JVM, like Kafka's ConsumerPerformance, so both consumers are measured the same way.
 * Uses the same fetch settings as ConsumerPerformance's defaults (1 MiB per partition fetch, 2 MiB receive buffer).
 */
@Command(name = "assign-consumer-perf", mixinStandardHelpOptions = true,
        description = "Reads a whole topic with assign() + seekToBeginning() (no consumer group) and reports throughput.")
public final class AssignConsumerPerformance implements Callable<Integer> {
    static final String RESULT_PREFIX = "ASSIGN-CONSUMER-RESULT";

    @Option(names = "--bootstrap-server", required = true)
    String bootstrap;

    @Option(names = "--topic", required = true)
    String topic;

    @Option(names = "--num-records", description = "Stop after this many records (default: up to the end offsets).")
    long numRecords = -1;

    @Option(names = "--fetch-size", description = "max.partition.fetch.bytes (default ${DEFAULT-VALUE}).")
    int fetchSize = 1024 * 1024;

    @Option(names = "--socket-buffer-size", description = "receive.buffer.bytes (default ${DEFAULT-VALUE}).")
    int socketBufferSize = 2 * 1024 * 1024;

    @Option(names = "--timeout-ms", description = "Give up when no record arrives for this long (default ${DEFAULT-VALUE}).")
    long idleTimeoutMs = 10_000;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AssignConsumerPerformance()).execute(args));
    }

    @Override
    public Integer call() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(fetchSize));
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(socketBufferSize));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "assign-consumer-perf");

        long start;
        long records = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            // Timed from here: metadata lookup, assign, offset lookups and all fetches (not the JVM or client start-up).
            start = System.nanoTime();
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                System.err.println("topic " + topic + " has no partitions");
                return 2;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo pi : infos) {
                partitions.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long available = 0;
            for (TopicPartition tp : partitions) {
                available += end.get(tp) - begin.get(tp);
            }
            long target = numRecords > 0 ? Math.min(numRecords, available) : available;
            if (numRecords > 0 && available < numRecords) {
                System.err.println("warning: only " + available + " records available, " + numRecords + " requested");
            }
            long lastRecordAt = System.nanoTime();
            while (records < target) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                if (batch.isEmpty()) {
                    if ((now - lastRecordAt) / 1_000_000 > idleTimeoutMs) {
                        System.err.println("no record for " + idleTimeoutMs + " ms after " + records + " of " + target);
                        printResult(records, bytes, start);
                        return 3;
                    }
                    continue;
                }
                lastRecordAt = now;
                for (ConsumerRecord<byte[], byte[]> rec : batch) {
                    records++;
                    bytes += rec.serializedValueSize() > 0 ? rec.serializedValueSize() : 0;
                    bytes += rec.serializedKeySize() > 0 ? rec.serializedKeySize() : 0;
                }
            }
        }
        printResult(records, bytes, start);
        return 0;
    }

    private static void printResult(long records, long bytes, long startNanos) {
        double elapsedMs = (System.nanoTime() - startNanos) / 1e6;
        double secs = elapsedMs / 1000.0;
        System.out.printf(Locale.ROOT, "%s records=%d bytes=%d elapsed.ms=%.1f records.per.sec=%.1f mb.per.sec=%.2f%n",
                RESULT_PREFIX, records, bytes, elapsedMs, records / secs, bytes / (1024.0 * 1024.0) / secs);
    }
}
