package io.tributary.sink.files;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkContext;
import io.tributary.sink.api.SinkPartition;
import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.testing.TestEvents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run on purpose, never in {@code mvn verify}: writes the same log events through the files sink as
 * {@code jsonl-gzip} (the baseline) and as {@code parquet} (log-event mapping), back to back, and
 * prints rows/s, bytes on disk and the ratios. No broker: the sink is driven directly, so this
 * measures encoding and publication only.
 * <pre>
 * mvn -B -o -q -pl sinks/files test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp sinks/files/target/test-classes:sinks/files/target/classes:$(cat sinks/files/target/cp.txt) \
 *     io.tributary.sink.files.FilesFormatBenchmark [records=1000000] [rounds=3]
 * </pre>
 */
public final class FilesFormatBenchmark {
    private static final int PARTITIONS = 6;
    private static final int BATCH = 100_000;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<byte[]> events = new ArrayList<>(records);
        Instant base = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 0; i < records; i++) { // 1 ms apart: an hour folder holds 3.6 million events, as on a busy host
            events.add(TestEvents.logEvent(base.plusMillis(i), "web-" + (i % 3), "GET /item/" + i + " 200").getBytes(StandardCharsets.UTF_8));
        }
        Path dir = Files.createTempDirectory("files-format-bench");
        try {
            run(dir.resolve("warmup"), "jsonl-gzip", events.subList(0, Math.min(records, 200_000)));
            run(dir.resolve("warmup"), "parquet", events.subList(0, Math.min(records, 200_000)));
            for (int round = 1; round <= rounds; round++) {
                double[] jsonl = run(dir.resolve("jsonl-" + round), "jsonl-gzip", events);
                double[] parquet = run(dir.resolve("parquet-" + round), "parquet", events);
                System.out.printf("round %d, %,d events of ~%d B, %d partitions:%n", round, records,
                        events.get(0).length, PARTITIONS);
                System.out.printf("  jsonl-gzip (baseline) %,12.0f rows/s %,14.0f bytes%n", jsonl[0], jsonl[1]);
                System.out.printf("  parquet (log-event)   %,12.0f rows/s %,14.0f bytes   rate %.2fx, size %.2fx of baseline%n",
                        parquet[0], parquet[1], parquet[0] / jsonl[0], parquet[1] / jsonl[1]);
            }
        } finally {
            delete(dir);
        }
    }

    /** rows/s and bytes published. */
    private static double[] run(Path out, String format, List<byte[]> events) throws Exception {
        delete(out);
        Sink sink = new FilesSinkFactory().create(new FilesSinkConfig(out, format, "event", null, null));
        sink.open(new SinkContext("bench", "bench", new DeadLetter.Default()));
        long start = System.nanoTime();
        Map<Integer, Long> offsets = new HashMap<>();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<SinkRecord> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(events.size(), from + BATCH); i++) {
                int partition = i % PARTITIONS;
                long offset = offsets.merge(partition, 1L, Long::sum) - 1;
                batch.add(new SinkRecord("logs", partition, offset, 0L, null, events.get(i)));
            }
            sink.write(batch);
            Map<SinkPartition, Long> next = new HashMap<>();
            offsets.forEach((p, o) -> next.put(new SinkPartition("logs", p), o));
            sink.commit(next);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sink.close();
        long bytes;
        try (Stream<Path> files = Files.walk(out.resolve("logs"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        return new double[]{events.size() / seconds, bytes};
    }

    private static void delete(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
