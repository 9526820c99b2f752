package io.tributary.agent.internal.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded on-disk buffer for events of non-replayable sources, in {@code <data-dir>/spool/}:
 * a series of {@link SpoolSegment} files, appended in order and read back in the same order.
 *
 * <p>A file is deleted once it was read completely, the writer moved on to a newer file, and
 * every record read from it was acknowledged by the broker ({@link Handle#ack()}). After a crash
 * or restart every record still on disk is read again (at least once: records acknowledged
 * after the last deletion may be sent twice).
 *
 * <p>Bound: when the files would exceed {@code maxBytes}, the new record is refused
 * ({@link #append} returns false); the caller counts and logs it. Thread-safe (one monitor).
 */
public final class DiskSpool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiskSpool.class);

    /** A record read from the spool and the way to say it was delivered. */
    public record Handle(SpoolRecord record, Runnable ack) {
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final ArrayDeque<SpoolSegment> segments = new ArrayDeque<>();
    private long totalBytes;
    private long nextSequence;
    private boolean handing;
    private boolean closed;

    public DiskSpool(Path dir, long maxBytes, long segmentBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(dir);
        recover();
    }

    private void recover() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SpoolSegment.SUFFIX)) {
            ds.forEach(files::add);
        }
        files.sort(null);
        int records = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            long seq;
            try {
                seq = Long.parseLong(name.substring(0, name.length() - SpoolSegment.SUFFIX.length()));
            } catch (NumberFormatException e) {
                log.warn("spool: ignoring unexpected file {}", f);
                continue;
            }
            long[] cut = new long[1];
            SpoolSegment s = SpoolSegment.recover(f, seq, cut);
            if (cut[0] > 0) {
                log.warn("spool: {} had a torn tail of {} bytes (crash during a write), cut off", f.getFileName(), cut[0]);
            }
            if (s.size() == 0) {
                s.close();
                Files.deleteIfExists(f);
                continue;
            }
            segments.addLast(s);
            totalBytes += s.size();
            records += s.records;
            nextSequence = Math.max(nextSequence, seq + 1);
        }
        if (records > 0) {
            log.info("spool: {} events ({} bytes) from an earlier run are waiting in {}", records, totalBytes, dir);
        }
    }

    /** Appends a record; false when the spool is full (the record was not stored). */
    public synchronized boolean append(SpoolRecord r) throws IOException {
        if (closed) {
            throw new IllegalStateException("spool closed");
        }
        int size = SpoolSegment.encodedSize(r);
        if (totalBytes + size > maxBytes) {
            return false;
        }
        SpoolSegment tail = segments.peekLast();
        if (tail == null || tail.size() + size > segmentBytes && tail.size() > 0) {
            tail = SpoolSegment.create(dir, nextSequence++);
            segments.addLast(tail);
        }
        tail.append(r);
        totalBytes += size;
        notifyAll();
        return true;
    }

    /**
     * True when nothing is waiting to be read and no read record is being handed to the
     * pipeline: then a new event may bypass the spool without overtaking older ones.
     */
    public synchronized boolean isIdle() {
        return !handing && segments.stream().noneMatch(SpoolSegment::hasUnread);
    }

    /** Reads the oldest unread record, or null if none; until {@link #handedOver()} the spool is not idle. */
    public synchronized Handle next() throws IOException {
        for (SpoolSegment s : segments) {
            if (s.hasUnread()) {
                SpoolRecord r = s.readNext();
                s.unacked++;
                handing = true;
                return new Handle(r, () -> acked(s));
            }
        }
        return null;
    }

    /** The record returned by {@link #next()} is in the pipeline now. */
    public synchronized void handedOver() {
        handing = false;
        deleteFinished();
    }

    private synchronized void acked(SpoolSegment s) {
        s.unacked--;
        deleteFinished();
    }

    private void deleteFinished() {
        // Whole files only, oldest first, once fully read and every record of them acknowledged.
        while (!segments.isEmpty()) {
            SpoolSegment head = segments.peekFirst();
            if (head.hasUnread() || head.unacked > 0) {
                return;
            }
            segments.removeFirst();
            totalBytes -= head.size();
            try {
                head.close();
                Files.deleteIfExists(head.file);
            } catch (IOException e) {
                log.warn("spool: cannot delete delivered file {}: {}", head.file, e.getMessage());
            }
        }
    }

    /** Waits up to {@code millis} for something to read (or close). */
    public synchronized void awaitData(long millis) throws InterruptedException {
        if (!closed && segments.stream().noneMatch(SpoolSegment::hasUnread)) {
            wait(millis);
        }
    }

    /** Wakes a thread waiting in {@link #awaitData}. */
    public synchronized void wakeUp() {
        notifyAll();
    }

    /** fsyncs the files written since the last call. */
    public synchronized void flush() throws IOException {
        for (SpoolSegment s : segments) {
            s.force();
        }
    }

    public Path directory() {
        return dir;
    }

    public synchronized long bytes() {
        return totalBytes;
    }

    public synchronized long unreadBytes() {
        return segments.stream().mapToLong(SpoolSegment::unreadBytes).sum();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        notifyAll();
        for (SpoolSegment s : segments) {
            s.close();
        }
    }
}
