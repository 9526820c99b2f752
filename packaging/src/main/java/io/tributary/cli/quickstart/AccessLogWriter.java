package io.tributary.cli.quickstart;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@link AccessLogLines} to a file at a steady rate, as a web server would: every tick
 * (100 ms) it writes the lines due since it started and flushes, so a reader never sees half a
 * line. Appends to an existing file (a second quickstart run continues the same log).
 *
 * <p>Thread-safe: {@link #start} and {@link #close} from any thread, {@link #linesWritten} is
 * read by the progress line while the writer thread appends.
 */
public final class AccessLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
    private static final long TICK_NANOS = 100_000_000L;

    private final Path file;
    private final double linesPerSecond;
    private final AccessLogLines lines;
    private final Clock clock;
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IOException failure;

    public AccessLogWriter(Path file, double linesPerSecond, AccessLogLines lines, Clock clock) {
        if (!(linesPerSecond > 0)) {
            throw new IllegalArgumentException("lines per second must be > 0, got " + linesPerSecond);
        }
        this.file = file;
        this.linesPerSecond = linesPerSecond;
        this.lines = lines;
        this.clock = clock;
        this.thread = new Thread(this::run, "quickstart-access-log");
        this.thread.setDaemon(true);
    }

    /** Creates the file (and its folder) if absent and starts writing. */
    public AccessLogWriter start() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        endTornLine();
        thread.start();
        return this;
    }

    /** A writer killed mid-write leaves half a line: end it, so the next line starts on its own. */
    private void endTornLine() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size == 0) {
                return;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[]{'\n'}), size);
                log.warn("demo access log {}: ended a line torn by an earlier crash", file);
            }
        }
    }

    private void run() {
        long started = System.nanoTime();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (running) {
                long due = (long) ((System.nanoTime() - started) / 1e9 * linesPerSecond);
                long n = due - written.get();
                for (long i = 0; i < n; i++) {
                    out.write(lines.next(clock.instant()));
                    out.write('\n');
                }
                out.flush();
                written.addAndGet(n);
                long nextTick = started + ((System.nanoTime() - started) / TICK_NANOS + 1) * TICK_NANOS;
                sleepUntil(nextTick);
            }
        } catch (IOException e) {
            failure = e;
            log.error("demo access log {}: cannot write: {}", file, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }

    public Path file() {
        return file;
    }

    /** Lines written (and flushed) since {@link #start}. */
    public long linesWritten() {
        return written.get();
    }

    /** The write error that stopped the writer, or null while it is fine. */
    public IOException failure() {
        return failure;
    }

    /** Stops after the current tick; every line counted is in the file. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
