package io.tributary.broker.internal.group;

import io.tributary.broker.internal.log.AtomicFileWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The append-only file behind committed offsets: {@code <data-dir>/.groups/offsets-<generation>.log},
 * the generation a 20-digit zero-padded number that grows with every compaction.
 *
 * <p>On-disk format: a sequence of records, each framed as {@code int32 length} (of the payload),
 * {@code int32 CRC32C} (of the payload), payload (an {@link OffsetsLogRecord}, big-endian, strings in
 * modified UTF-8). There is no file header.
 *
 * <p>Invariants: only the newest generation file is appended to. A compacted file (the live state
 * written as commit records) appears only through an atomic rename, so once it exists it is complete
 * and every older generation is obsolete; older files are deleted after the rename, and any left by a
 * crash are deleted at open. Recovery reads the newest file and truncates it at the first record
 * whose length, CRC or content is bad (a torn write), logging the cut.
 *
 * <p>Thread-safety: not thread-safe; {@link OffsetStore} serialises every call.
 */
final class OffsetsLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OffsetsLog.class);
    private static final Pattern NAME = Pattern.compile("offsets-(\\d{20})\\.log");
    private static final int MAX_RECORD_BYTES = 1 << 20;

    private final Path dir;
    private long generation;
    private FileChannel channel;
    private long size;
    private long unflushedRecords;

    private OffsetsLog(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating or recovering) the log in {@code dir}, passing every valid record to {@code replay} in order. */
    static OffsetsLog open(Path dir, Consumer<OffsetsLogRecord> replay) throws IOException {
        Files.createDirectories(dir);
        OffsetsLog offsetsLog = new OffsetsLog(dir);
        List<Long> generations = generations(dir);
        if (generations.isEmpty()) {
            offsetsLog.generation = 0;
        } else {
            offsetsLog.generation = generations.get(generations.size() - 1);
            for (long older : generations.subList(0, generations.size() - 1)) {
                log.info("Deleting obsolete offsets log {} (superseded by a compaction)", dir.resolve(fileName(older)));
                Files.deleteIfExists(dir.resolve(fileName(older)));
            }
        }
        Path file = dir.resolve(fileName(offsetsLog.generation));
        offsetsLog.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        offsetsLog.size = recover(file, offsetsLog.channel, replay);
        offsetsLog.channel.position(offsetsLog.size);
        return offsetsLog;
    }

    private static List<Long> generations(Path dir) throws IOException {
        List<Long> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                Matcher m = NAME.matcher(name);
                if (m.matches()) {
                    result.add(Long.parseLong(m.group(1)));
                } else if (name.endsWith(".tmp")) {
                    // A compaction interrupted before its rename: the old generation is still the truth.
                    Files.deleteIfExists(p);
                }
            }
        }
        result.sort(null);
        return result;
    }

    static String fileName(long generation) {
        return String.format("offsets-%020d.log", generation);
    }

    /** Replays the valid prefix of the file and truncates whatever follows it; returns the valid size. */
    private static long recover(Path file, FileChannel ch, Consumer<OffsetsLogRecord> replay) throws IOException {
        long fileSize = ch.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(8);
        String problem = null;
        while (pos < fileSize) {
            header.clear();
            if (fileSize - pos < 8) {
                problem = "a truncated record header";
                break;
            }
            readFully(ch, header, pos);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length <= 0 || length > MAX_RECORD_BYTES || pos + 8 + length > fileSize) {
                problem = "a record length of " + length + " that does not fit";
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(ch, payload, pos + 8);
            CRC32C crc32c = new CRC32C();
            crc32c.update(payload.array(), 0, length);
            if ((int) crc32c.getValue() != crc) {
                problem = "a CRC mismatch";
                break;
            }
            OffsetsLogRecord record;
            try {
                record = OffsetsLogRecord.readFrom(new DataInputStream(new ByteArrayInputStream(payload.array())));
            } catch (IOException e) {
                problem = "an unreadable record (" + e.getMessage() + ")";
                break;
            }
            replay.accept(record);
            pos += 8 + length;
        }
        if (problem != null) {
            log.warn("Offsets log {}: truncating {} byte(s) at position {} after {} (torn write from a crash)",
                    file, fileSize - pos, pos, problem);
            ch.truncate(pos);
            ch.force(true);
        }
        return pos;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    static byte[] encode(List<? extends OffsetsLogRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            DataOutputStream frame = new DataOutputStream(bytes);
            for (OffsetsLogRecord record : records) {
                ByteArrayOutputStream payload = new ByteArrayOutputStream(64);
                record.writeTo(new DataOutputStream(payload));
                CRC32C crc = new CRC32C();
                crc.update(payload.toByteArray());
                frame.writeInt(payload.size());
                frame.writeInt((int) crc.getValue());
                payload.writeTo(frame);
            }
            frame.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the records to the file (one write; the page cache has them when this returns). */
    void append(List<? extends OffsetsLogRecord> records) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(encode(records));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        size += buf.capacity();
        unflushedRecords += records.size();
    }

    void flush() throws IOException {
        if (unflushedRecords > 0) {
            channel.force(false);
            unflushedRecords = 0;
        }
    }

    long unflushedRecords() {
        return unflushedRecords;
    }

    long size() {
        return size;
    }

    Path currentFile() {
        return dir.resolve(fileName(generation));
    }

    /**
     * Compaction: writes {@code live} as the next generation (temp file, fsync, atomic rename), switches
     * appends to it and deletes the previous generation.
     */
    void replaceWith(List<? extends OffsetsLogRecord> live) throws IOException {
        long next = generation + 1;
        Path target = dir.resolve(fileName(next));
        AtomicFileWriter.write(target, encode(live));
        FileChannel old = channel;
        Path oldFile = currentFile();
        channel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
        size = channel.size();
        channel.position(size);
        generation = next;
        unflushedRecords = 0;
        old.close();
        Files.deleteIfExists(oldFile);
        AtomicFileWriter.fsyncDirectory(dir);
    }

    @Override
    public void close() throws IOException {
        channel.force(true);
        channel.close();
    }
}
