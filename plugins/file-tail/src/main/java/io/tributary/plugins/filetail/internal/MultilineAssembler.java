package io.tributary.plugins.filetail.internal;

import java.util.regex.Pattern;

/**
 * Joins lines into multiline events (e.g. a Java stack trace): a line matching the start
 * pattern begins a new event, any other line is appended to the current one with {@code \n}.
 * Lines before the first start line form events of their own kind (each run of them is one
 * event), so nothing is dropped. The held event is emitted when the next start line arrives,
 * when no line was added for {@code timeout}, or when the file is closed.
 *
 * <p>An event is capped at {@code maxEventBytes} (counted in file bytes, separators included):
 * the part that does not fit is dropped and the event is flagged truncated. Its end offset
 * still covers the dropped lines, so they are not re-read. Not thread-safe.
 */
final class MultilineAssembler implements EventAssembler {
    private final Pattern startPattern;
    private final int maxEventBytes;
    private final long timeoutNanos;
    private final NanoClock clock;
    private final EventSink sink;

    private final StringBuilder held = new StringBuilder();
    private boolean holding;
    private long heldStart;
    private long heldEnd;
    private int heldBytes;
    private boolean heldTruncated;
    private long lastLineNanos;

    MultilineAssembler(Pattern startPattern, int maxEventBytes, long timeoutNanos, NanoClock clock, EventSink sink) {
        this.startPattern = startPattern;
        this.maxEventBytes = maxEventBytes;
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public void line(byte[] buf, int off, int len, long startOffset, long endOffset, boolean truncated)
            throws InterruptedException {
        String text = Utf8.decodeLine(buf, off, len, !truncated);
        if (!holding || startPattern.matcher(text).find()) {
            flush();
            holding = true;
            heldStart = startOffset;
            held.append(text);
            heldBytes = len;
            heldTruncated = truncated;
        } else if (heldBytes + 1 + len <= maxEventBytes) {
            held.append('\n').append(text);
            heldBytes += 1 + len;
            heldTruncated |= truncated;
        } else {
            int room = maxEventBytes - heldBytes - 1;
            if (room > 0 && !heldTruncated) {
                held.append('\n').append(Utf8.decodeLine(buf, off, Utf8.cutToCharBoundary(buf, off, room), false));
            }
            heldBytes = maxEventBytes;
            heldTruncated = true;
        }
        heldEnd = endOffset;
        lastLineNanos = clock.nanoTime();
    }

    @Override
    public void flushIfIdle(long nowNanos) throws InterruptedException {
        if (holding && nowNanos - lastLineNanos >= timeoutNanos) {
            flush();
        }
    }

    @Override
    public void flush() throws InterruptedException {
        if (!holding) {
            return;
        }
        String body = held.toString();
        long start = heldStart;
        long end = heldEnd;
        boolean truncated = heldTruncated;
        discard();
        sink.event(body, start, end, truncated);
    }

    @Override
    public void discard() {
        holding = false;
        held.setLength(0);
        if (held.capacity() > 64 * 1024) {
            held.trimToSize();
        }
        heldBytes = 0;
        heldTruncated = false;
    }

    @Override
    public boolean holding() {
        return holding;
    }

    @Override
    public long heldStartOffset() {
        return holding ? heldStart : -1;
    }
}
