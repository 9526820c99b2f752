package io.tributary.broker.internal.topic;

import io.tributary.broker.internal.log.AtomicFileWriter;

import org.apache.kafka.common.errors.KafkaStorageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands out producer ids that are never reused, even across crashes, so that the idempotence
 * state of a partition can never mistake a new producer for an old one.
 *
 * <p>On disk: {@code <data-dir>/producer-id-block} holds, as decimal text, the first id not yet
 * reserved. Ids are reserved in blocks of {@value #BLOCK}: the file is advanced (atomically)
 * before any id of a new block is handed out, so a crash only skips ids.
 */
public final class ProducerIdAllocator {
    static final long BLOCK = 1000;
    private final Path file;
    private long next;
    private long reservedUntil;

    public ProducerIdAllocator(Path dataDir) throws IOException {
        this.file = dataDir.resolve("producer-id-block");
        long start = Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0L;
        this.next = start;
        this.reservedUntil = start;
    }

    public synchronized long nextId() {
        if (next >= reservedUntil) {
            long newLimit = reservedUntil + BLOCK;
            try {
                AtomicFileWriter.write(file, Long.toString(newLimit).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new KafkaStorageException("Could not reserve producer ids in " + file, e);
            }
            reservedUntil = newLimit;
        }
        return next++;
    }
}
