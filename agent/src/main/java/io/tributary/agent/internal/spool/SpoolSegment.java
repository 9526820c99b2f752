package io.tributary.agent.internal.spool;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One spool file, {@code <20-digit sequence>.spool}: a sequence of records
 *
 * <pre>
 *   int32  length of payload (big-endian)
 *   int32  CRC-32C of payload
 *   payload: int64 timestamp ms, int16 topic length, topic UTF-8, int32 key length, key, value (rest)
 * </pre>
 *
 * Opening an existing file validates every record and truncates at the first torn or corrupt
 * one (a crash mid-append). I/O goes through {@link RandomAccessFile}, not a {@code FileChannel}: a
 * source thread interrupted while it spools must not close the file for everyone. Not
 * thread-safe: {@link DiskSpool} serializes access.
 */
final class SpoolSegment {
    static final String SUFFIX = ".spool";
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    final long sequence;
    final Path file;
    private final RandomAccessFile channel;
    private long size;
    private long readPosition;
    int records;
    int unacked;
    boolean dirty;

    private SpoolSegment(long sequence, Path file, RandomAccessFile channel, long size, int records) {
        this.sequence = sequence;
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.records = records;
    }

    static Path fileFor(Path dir, long sequence) {
        return dir.resolve(String.format("%020d%s", sequence, SUFFIX));
    }

    static SpoolSegment create(Path dir, long sequence) throws IOException {
        Path file = fileFor(dir, sequence);
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        return new SpoolSegment(sequence, file, new RandomAccessFile(file.toFile(), "rw"), 0, 0);
    }

    /** Opens an existing file, truncating a torn tail; returns how many bytes were cut. */
    static SpoolSegment recover(Path file, long sequence, long[] truncatedBytes) throws IOException {
        RandomAccessFile ch = new RandomAccessFile(file.toFile(), "rw");
        long pos = 0;
        long length = ch.length();
        int count = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= length) {
            header.clear();
            readFully(ch, header, pos);
            int len = header.getInt(0);
            int crc = header.getInt(4);
            if (len < 14 || len > MAX_RECORD || pos + HEADER + len > length) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(len);
            readFully(ch, payload, pos + HEADER);
            if (crc32c(payload.array()) != crc) {
                break;
            }
            pos += HEADER + len;
            count++;
        }
        truncatedBytes[0] = length - pos;
        if (pos < length) {
            ch.setLength(pos);
            ch.getFD().sync();
        }
        return new SpoolSegment(sequence, file, ch, pos, count);
    }

    /** Encoded size of a record, header included. */
    static int encodedSize(SpoolRecord r) {
        return HEADER + 8 + 2 + r.topic().getBytes(StandardCharsets.UTF_8).length + 4 + r.key().length + r.value().length;
    }

    void append(SpoolRecord r) throws IOException {
        byte[] topic = r.topic().getBytes(StandardCharsets.UTF_8);
        int len = 8 + 2 + topic.length + 4 + r.key().length + r.value().length;
        ByteBuffer buf = ByteBuffer.allocate(HEADER + len);
        buf.putInt(len).putInt(0).putLong(r.timestampMs()).putShort((short) topic.length).put(topic)
                .putInt(r.key().length).put(r.key()).put(r.value());
        buf.putInt(4, crc32c(buf.array(), HEADER, len));
        channel.seek(size);
        channel.write(buf.array(), 0, buf.position());
        size += buf.position();
        records++;
        dirty = true;
    }

    boolean hasUnread() {
        return readPosition < size;
    }

    /** Reads the next unread record. */
    SpoolRecord readNext() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(channel, header, readPosition);
        int len = header.getInt(0);
        ByteBuffer p = ByteBuffer.allocate(len);
        readFully(channel, p, readPosition + HEADER);
        readPosition += HEADER + len;
        long ts = p.getLong();
        byte[] topic = new byte[p.getShort()];
        p.get(topic);
        byte[] key = new byte[p.getInt()];
        p.get(key);
        byte[] value = new byte[p.remaining()];
        p.get(value);
        return new SpoolRecord(new String(topic, StandardCharsets.UTF_8), key, value, ts);
    }

    long size() {
        return size;
    }

    long unreadBytes() {
        return size - readPosition;
    }

    void force() throws IOException {
        if (dirty) {
            channel.getFD().sync();
            dirty = false;
        }
    }

    void close() throws IOException {
        force();
        channel.close();
    }

    private static void readFully(RandomAccessFile f, ByteBuffer buf, long pos) throws IOException {
        f.seek(pos);
        f.readFully(buf.array(), 0, buf.capacity());
    }

    private static int crc32c(byte[] a) {
        return crc32c(a, 0, a.length);
    }

    private static int crc32c(byte[] a, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(a, off, len);
        return (int) crc.getValue();
    }
}
