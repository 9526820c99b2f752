package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Builders and file helpers shared by the log tests. */
final class LogTestUtils {

    private LogTestUtils() {
    }

    /** A record as read back from the log. */
    record ReadRecord(long offset, long timestamp, String key, String value) {
    }

    static SimpleRecord rec(long timestamp, String key, String value) {
        return new SimpleRecord(timestamp, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    /** One uncompressed v2 batch of {@code count} records "k<i>"/"v<i>" (i from {@code first}), all at {@code ts}. */
    static MemoryRecords batch(long ts, int first, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = rec(ts, "k" + (first + i), "v" + (first + i));
        }
        return MemoryRecords.withRecords(RecordBatch.CURRENT_MAGIC_VALUE, 0L, Compression.NONE, records);
    }

    static MemoryRecords idempotent(long producerId, short epoch, int baseSequence, long ts, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = rec(ts, "pk" + (baseSequence + i), "pv" + (baseSequence + i));
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence, records);
    }

    /** Concatenates several single-batch record sets into one request. */
    static MemoryRecords concat(MemoryRecords... parts) {
        int size = 0;
        for (MemoryRecords p : parts) {
            size += p.sizeInBytes();
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (MemoryRecords p : parts) {
            buf.put(p.buffer());
        }
        buf.flip();
        return MemoryRecords.readableRecords(buf);
    }

    static List<ReadRecord> records(Records records) {
        List<ReadRecord> out = new ArrayList<>();
        for (Record r : records.records()) {
            out.add(new ReadRecord(r.offset(), r.timestamp(), string(r.key()), string(r.value())));
        }
        return out;
    }

    static List<RecordBatch> batches(Records records) {
        List<RecordBatch> out = new ArrayList<>();
        for (RecordBatch b : records.batches()) {
            out.add(b);
        }
        return out;
    }

    /** Reads the whole log from its start with fetches of {@code maxBytes}. */
    static List<ReadRecord> readAll(PartitionLog log, int maxBytes) {
        List<ReadRecord> out = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            LogReadResult result = log.read(offset, maxBytes, true);
            List<ReadRecord> chunk = records(result.records());
            if (chunk.isEmpty()) {
                throw new AssertionError("empty read at offset " + offset);
            }
            for (ReadRecord r : chunk) {
                if (r.offset() >= offset) {
                    out.add(r);
                }
            }
            offset = chunk.get(chunk.size() - 1).offset() + 1;
        }
        return out;
    }

    static String string(ByteBuffer buf) {
        if (buf == null) {
            return null;
        }
        byte[] bytes = new byte[buf.remaining()];
        buf.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Copies a partition directory as it is on disk now, i.e. what a crash would leave behind. */
    static Path crashCopy(Path src, Path dst) throws IOException {
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        return dst;
    }

    /** (position, size) of every batch in a segment file. */
    static List<int[]> batchPositions(Path logFile) throws IOException {
        List<int[]> out = new ArrayList<>();
        try (FileRecords records = FileRecords.open(logFile.toFile(), false)) {
            for (FileChannelRecordBatch b : records.batches()) {
                out.add(new int[] {b.position(), b.sizeInBytes()});
            }
        }
        return out;
    }

    static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, position);
            one.flip();
            byte b = one.get();
            ch.write(ByteBuffer.wrap(new byte[] {(byte) ~b}), position);
        }
    }

    static void truncateFile(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    static Path lastSegmentLogFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }
}
