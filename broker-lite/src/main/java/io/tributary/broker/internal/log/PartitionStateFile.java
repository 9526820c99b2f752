package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code partition.state} file of a partition directory: log start offset, recovery point and whether the
 * log was shut down cleanly.
 *
 * <p>On-disk format (31 bytes, big-endian, replaced atomically by {@link AtomicFileWriter}):
 * <pre>
 *   int   magic 0x54505354 ("TPST")
 *   short version (1)
 *   int   CRC32C of the 17 bytes that follow
 *   long  logStartOffset
 *   long  recoveryPoint   (every offset below it is known to be fsynced)
 *   byte  cleanShutdown   (1 = the log was closed cleanly, 0 = otherwise)
 * </pre>
 * A missing file reads as {@link State#DEFAULT}; so does a corrupt one (one warning is logged), which forces
 * a full recovery.
 *
 * <p>Thread-safety: not thread-safe; the owning {@link PartitionLog} calls it under its lock.
 */
final class PartitionStateFile {

    static final String FILE_NAME = "partition.state";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionStateFile.class);
    private static final int MAGIC = 0x54505354;
    private static final short VERSION = 1;
    private static final int HEADER_SIZE = 4 + 2 + 4;
    private static final int SIZE = HEADER_SIZE + 8 + 8 + 1;

    /** Content of the file. */
    record State(long logStartOffset, long recoveryPoint, boolean cleanShutdown) {
        static final State DEFAULT = new State(0L, 0L, false);
    }

    private final Path file;
    private final TopicPartition tp;

    PartitionStateFile(Path partitionDir, TopicPartition tp) {
        this.file = partitionDir.resolve(FILE_NAME);
        this.tp = tp;
    }

    State read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return State.DEFAULT;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length != SIZE || buf.getInt() != MAGIC || buf.getShort() != VERSION) {
            LOG.warn("Ignoring corrupt {} of {}: bad length, magic or version; the log will be fully recovered",
                    file, tp);
            return State.DEFAULT;
        }
        int storedCrc = buf.getInt();
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_SIZE, SIZE - HEADER_SIZE);
        if ((int) crc.getValue() != storedCrc) {
            LOG.warn("Ignoring corrupt {} of {}: checksum mismatch; the log will be fully recovered", file, tp);
            return State.DEFAULT;
        }
        return new State(buf.getLong(), buf.getLong(), buf.get() == 1);
    }

    void write(State state) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        buf.putInt(MAGIC).putShort(VERSION).putInt(0);
        buf.putLong(state.logStartOffset()).putLong(state.recoveryPoint()).put((byte) (state.cleanShutdown() ? 1 : 0));
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), HEADER_SIZE, SIZE - HEADER_SIZE);
        buf.putInt(6, (int) crc.getValue());
        buf.flip();
        AtomicFileWriter.write(file, buf);
    }

    Path file() {
        return file;
    }
}
