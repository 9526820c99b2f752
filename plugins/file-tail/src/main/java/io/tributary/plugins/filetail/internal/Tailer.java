package io.tributary.plugins.filetail.internal;

import io.tributary.plugin.api.Emitter;
import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugins.filetail.FileTailConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The file-tail loop, run on one thread: every scan interval the {@link FileTracker} expands
 * the globs and reconciles what it finds with the files it knows, and at once (20 ms after the
 * last scan at the earliest) when the {@link DirectoryWatch} saw a matching file created,
 * renamed or deleted; in between, each open file is read from its offset to its end in large
 * positional reads ({@code read-buffer-size}, several per turn so one busy file cannot starve
 * the others), cut into lines and events, and emitted with its position. When no file had new data the thread sleeps for the poll interval; once no
 * file has had new data for {@value #BACKOFF_AFTER_SECONDS} s it backs off to at least a second
 * (as Filebeat's {@code backoff} does), and returns to the poll interval with the next new data:
 * a quiet host costs less CPU, a busy file keeps its latency.
 *
 * <p>At the end of a file: a size below the read offset means the file was truncated in place
 * (copytruncate) and it is read again from 0; a file no longer at any matched path (renamed away
 * or deleted) is closed once it is deleted or has had no new data for {@code rotate-wait}, after
 * its last partial line and held event were emitted; with files waiting for a slot
 * ({@code max-open-files}) it is closed to make room and reopened later at the same place.
 *
 * <p>Thread-safety: everything runs on the tailer thread; {@link #requestStop()} may be called
 * from any thread.
 */
public final class Tailer implements Runnable {
    /** Reads ({@code read-buffer-size} each) from one file per turn before the others get theirs. */
    private static final int READS_PER_TURN = 16;
    static final int BACKOFF_AFTER_SECONDS = 5;
    private static final long BACKOFF_AFTER_NANOS = TimeUnit.SECONDS.toNanos(BACKOFF_AFTER_SECONDS);
    static final long IDLE_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Least time between two scans when directory notifications ask for them. */
    static final long WATCH_SCAN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final TailSettings settings;
    private final SourceContext context;
    private final Emitter emitter;
    private final Logger log;
    private final NanoClock clock;
    private final FileTracker tracker;
    private final ByteBuffer buffer;
    private volatile boolean stopping;

    public Tailer(FileTailConfig config, SourceContext context, NanoClock clock) {
        this.settings = TailSettings.of(config);
        this.context = context;
        this.emitter = context.emitter();
        this.log = context.logger();
        this.clock = clock;
        this.tracker = new FileTracker(settings, context.restoredPositions(), log, emitter,
                (path, lag) -> context.gauge("file.lag.bytes", Map.of("file", path), lag));
        this.buffer = ByteBuffer.allocate(settings.readBufferSize());
    }

    /** Makes the loop end at its next step; the caller also interrupts the thread to cut short a wait. */
    public void requestStop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (InterruptedException | ClosedByInterruptException e) {
            // stop() interrupts the thread, which also closes a channel it was reading: that is the way out
        } catch (IllegalStateException e) {
            // The emitter refuses events once the agent is shutting down (Emitter#emit): also a way out.
            log.debug("file-tail loop ends: {}", e.getMessage());
        } finally {
            // Anything else is a bug: it ends the thread, and the agent reports the source as failed (once, with its stack).
            for (TailedFile f : tracker.openFiles()) {
                f.closeChannel();
            }
        }
    }

    private void loop() throws InterruptedException, ClosedByInterruptException {
        try (DirectoryWatch watch = DirectoryWatch.start(settings.watch(), tracker::mayMatter, log)) {
            loop(watch);
        }
    }

    private void loop(DirectoryWatch watch) throws InterruptedException, ClosedByInterruptException {
        long nextScan = clock.nanoTime();
        long lastScan = nextScan;
        long lastProgress = nextScan;
        while (!stopping) {
            long now = clock.nanoTime();
            if (now - nextScan >= 0) {
                tracker.scan();
                checkContent();
                lastScan = now;
                nextScan = now + settings.scanIntervalNanos();
                if (watch.watch(tracker.scannedDirectories())) {
                    nextScan = watchedScan(nextScan, lastScan);
                }
            }
            fillSlots(now);
            boolean progressed = false;
            for (TailedFile f : List.copyOf(tracker.openFiles())) {
                if (stopping) {
                    return;
                }
                progressed |= turn(f, now);
            }
            if (progressed) {
                lastProgress = now;
                if (watch.changed()) {
                    nextScan = watchedScan(nextScan, lastScan);
                }
            } else if (!stopping) {
                long wait = idleWaitNanos(clock.nanoTime(), lastProgress, nextScan, settings.pollIntervalNanos());
                if (watch.await(wait)) {
                    nextScan = watchedScan(nextScan, lastScan);
                }
            }
        }
    }

    /**
     * When the scan after a watch notification runs: now, but no sooner than {@link #WATCH_SCAN_GAP_NANOS} after the
     * last scan (a directory where matching files keep appearing cannot make the tailer scan all the time).
     */
    static long watchedScan(long nextScan, long lastScan) {
        long earliest = lastScan + WATCH_SCAN_GAP_NANOS;
        return nextScan - earliest > 0 ? earliest : nextScan;
    }

    /**
     * How long the loop sleeps when no file had new data: the poll interval, or at least
     * {@link #IDLE_POLL_NANOS} once nothing was read for {@value #BACKOFF_AFTER_SECONDS} s; never past
     * the next scan, never less than a millisecond.
     */
    static long idleWaitNanos(long now, long lastProgress, long nextScan, long pollInterval) {
        long poll = now - lastProgress >= BACKOFF_AFTER_NANOS ? Math.max(pollInterval, IDLE_POLL_NANOS) : pollInterval;
        return Math.max(Math.min(poll, Math.max(0, nextScan - now)), 1_000_000);
    }

    /**
     * One file's turn: read what is new, or handle its end. Returns whether bytes were read.
     *
     * <p>A file that was at its end is first asked for its size (one {@code fstat}, no more than
     * the empty read it replaces): smaller than the read offset means truncated in place; larger
     * means new data, and then its first bytes are checked against the fingerprint of the bytes
     * read, so a file truncated and refilled while idle is read again from the start rather than
     * from the middle of the new content. (Refilled to exactly the read offset it looks idle:
     * the next scan's {@link #checkContent} finds it.)
     */
    private boolean turn(TailedFile f, long now) throws InterruptedException, ClosedByInterruptException {
        try {
            if (f.atEnd) {
                long size = f.channel.size();
                if (size == f.readOffset) {
                    idle(f, now);
                    if (f.isOpen()) {
                        f.assembler.flushIfIdle(clock.nanoTime());
                    }
                    return false;
                }
                if (size < f.readOffset) {
                    restartFromZero(f, "was truncated in place (size " + size + " < read position " + f.readOffset
                            + ", copytruncate?)");
                } else if (!f.fingerprint.matches(f.channel)) {
                    restartFromZero(f, "was rewritten in place (its first bytes changed)");
                }
                f.atEnd = false;
            }
            long n = f.read(buffer, (long) READS_PER_TURN * buffer.capacity());
            if (n > 0) {
                f.lastDataNanos = clock.nanoTime(); // not the loop's time: emit may have waited on backpressure
            }
            f.assembler.flushIfIdle(clock.nanoTime());
            return n > 0;
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            log.warn("error reading {}: {}; closing it, will retry after the next scan", f.pathText,
                    PathScanner.describe(e));
            tracker.park(f, true);
            return false;
        }
    }

    /** A file read to its end with nothing new: close it if it was rotated away or deleted, or to make room. */
    private void idle(TailedFile f, long now) throws InterruptedException {
        if (f.orphan) {
            boolean deleted = DeletedFileProbe.isDeleted(f.key);
            if (deleted || now - f.lastDataNanos >= settings.rotateWaitNanos()) {
                f.splitter.flushPartialLine(f.readOffset, f.assembler);
                f.assembler.flush();
                log.info("closed {} at byte {}: {}", f.pathText, f.readOffset, deleted
                        ? "it was deleted and is read to its end"
                        : "it was renamed away from the paths and had no new data for "
                          + TimeUnit.NANOSECONDS.toMillis(settings.rotateWaitNanos()) + " ms");
                tracker.forget(f);
                emitter.release(f.positionKey);
            }
        } else if (tracker.hasEligibleWaiting()) {
            f.assembler.flush(); // a held event is sent rather than re-read later
            tracker.park(f, false);
        }
    }

    private void fillSlots(long now) throws InterruptedException {
        TailedFile f;
        while ((f = tracker.nextToOpen()) != null) {
            open(f, now);
        }
    }

    private void open(TailedFile f, long now) throws InterruptedException {
        FileChannel ch;
        try {
            ch = FileChannel.open(f.path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            tracker.openFailed(f, null); // gone since the scan: the next one sorts it out
            return;
        } catch (IOException e) {
            tracker.openFailed(f, PathScanner.describe(e));
            return;
        }
        try {
            if (!FileKey.of(f.path).equals(f.key)) {
                ch.close(); // replaced between the scan and the open: the next scan sorts it out
                tracker.openFailed(f, null);
                return;
            }
            long size = ch.size();
            long offset = f.resumeOffset;
            String origin = f.origin;
            Fingerprint expected = f.expectedFingerprint;
            f.channel = ch;
            if (expected != null && expected.isEmpty() && offset > 0) {
                // Only an older version saved such a position (it checkpointed lines before it had fingerprinted
                // the file): nothing shows this is still the file it was, and resuming in another one loses lines.
                origin = "its saved position " + offset + " has no fingerprint to check the file against, so from the start";
                offset = 0;
            } else if (!f.fingerprintFrom(offset, expected)) {
                origin = "it does not start with the bytes it had at byte " + offset + ": "
                        + (f.everOpened ? "rewritten while closed" : "a new file on a reused inode, or rewritten while the agent was stopped")
                        + ", so from the start";
                offset = 0;
            } else if (size < offset) {
                origin = "it is shorter than its saved position " + offset + " (truncated while not watched), so from the start";
                offset = 0;
            }
            if (offset == 0) {
                f.fingerprintFrom(0, null); // covers nothing yet (no I/O): the reads from 0 fill it in
            }
            if (offset == 0 && f.everOpened && f.resumeOffset != 0) {
                log.info("{}: {}", f.pathText, origin);
            }
            f.readOffset = offset;
            f.atEnd = false;
            if (f.splitter == null) {
                f.splitter = new LineSplitter(settings.maxEventBytes(), offset);
                f.assembler = newAssembler(f);
            } else {
                f.splitter.reset(offset);
                f.assembler.discard();
            }
            f.lastDataNanos = now;
            tracker.opened(f);
            if (!f.everOpened) {
                f.everOpened = true;
                log.info("tailing {} from byte {} ({})", f.pathText, offset, origin);
            }
            if (f.checkpointStart) {
                f.checkpointStart = false;
                emitter.checkpoint(new Position(f.positionKey, offset + f.positionSuffix));
            }
        } catch (IOException e) {
            f.closeChannel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only
            }
            tracker.openFailed(f, e instanceof NoSuchFileException ? null : PathScanner.describe(e));
        }
    }

    /**
     * Catches a file rewritten in place between two looks (truncated and refilled to the read offset
     * or beyond, which the size check cannot see): its first bytes differ from the ones read. This
     * is what finds a file refilled to exactly its old size, which the tailer sees as idle.
     */
    private void checkContent() throws InterruptedException, ClosedByInterruptException {
        for (TailedFile f : List.copyOf(tracker.openFiles())) {
            try {
                if (!f.fingerprint.matches(f.channel)) {
                    restartFromZero(f, "was rewritten in place (its first bytes changed)");
                }
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (IOException e) {
                log.warn("error reading {}: {}; closing it, will retry after the next scan", f.pathText,
                        PathScanner.describe(e));
                tracker.park(f, true);
            }
        }
    }

    private void restartFromZero(TailedFile f, String why) throws IOException, InterruptedException {
        log.info("{} {}: reading it again from the start", f.pathText, why);
        // Lines read before the truncation are real: send them, then start over.
        f.splitter.flushPartialLine(f.readOffset, f.assembler);
        f.assembler.flush();
        f.readOffset = 0;
        f.atEnd = false;
        f.splitter.reset(0);
        f.fingerprintFrom(0, null);
        emitter.checkpoint(new Position(f.positionKey, 0 + f.positionSuffix));
    }

    private EventAssembler newAssembler(TailedFile f) {
        EventSink sink = new EventSink() {
            @Override
            public void event(String body, long start, long end, boolean truncated) throws InterruptedException {
                emit(f, context.newEvent().body(body), start, end, truncated);
            }

            @Override
            public void bytes(byte[] buf, int off, int len, long start, long end, boolean truncated)
                    throws InterruptedException {
                if (!truncated && len > 0 && buf[off + len - 1] == '\r') {
                    len--; // CRLF
                }
                emit(f, context.newEvent().body(buf, off, len), start, end, truncated);
            }
        };
        if (settings.multilineStart() == null) {
            return EventAssembler.singleLine(sink);
        }
        return new MultilineAssembler(settings.multilineStart(), settings.maxEventBytes(),
                settings.multilineTimeoutNanos(), clock, sink);
    }

    /** {@code b}: a new event with its body set. */
    private void emit(TailedFile f, Event.Builder b, long start, long end, boolean truncated) throws InterruptedException {
        b.attribute("path", f.pathText).attribute("offset", Long.toString(start));
        if (truncated) {
            b.attribute("truncated", "true");
            if (!f.truncationLogged) {
                f.truncationLogged = true;
                log.warn("{}: event at byte {} is longer than max-event-bytes ({}): kept its first bytes, dropped the rest"
                        + " (flagged truncated=true; further ones in this file are not logged)",
                        f.pathText, start, settings.maxEventBytes());
            }
        }
        emitter.emit(b.build(), new Position(f.positionKey, end + f.positionSuffix));
    }
}
