package io.tributary.plugins.filetail.internal;

/**
 * Cuts a file's bytes, fed in chunks as they are read, into {@code \n}-terminated lines.
 *
 * <p>A line lying entirely inside a chunk is passed straight from the read buffer (no copy);
 * only the part of a line that spans chunks is kept in a carry buffer. A line longer than
 * {@code maxLineBytes} keeps its first {@code maxLineBytes} bytes (cut back to a UTF-8
 * character boundary) and the rest is skipped without being buffered, so a 10 MB line costs
 * no more memory than the maximum; it is reported with {@code truncated = true} once its
 * {@code \n} arrives.
 *
 * <p>Invariant: {@link #lineStart()} is the file offset of the first byte not yet handed out in
 * a line, i.e. where reading must resume to lose nothing. Not thread-safe.
 */
final class LineSplitter {
    /** Carry buffers above this size are given back once their line is out, to keep idle memory small. */
    private static final int KEEP_CARRY_BYTES = 64 * 1024;

    private final int maxLineBytes;
    private byte[] carry = new byte[256];
    private int carryLen;
    private boolean discarding;
    private long lineStart;

    LineSplitter(int maxLineBytes, long startOffset) {
        this.maxLineBytes = maxLineBytes;
        this.lineStart = startOffset;
    }

    /** Forgets any partial line and continues at {@code offset}. */
    void reset(long offset) {
        carryLen = 0;
        discarding = false;
        lineStart = offset;
        shrinkCarry();
    }

    long lineStart() {
        return lineStart;
    }

    /** Whether bytes of an unfinished line (no {@code \n} yet) are held. */
    boolean hasPartialLine() {
        return carryLen > 0 || discarding;
    }

    /**
     * Feeds {@code len} bytes of {@code buf} that were read at file offset {@code chunkOffset};
     * chunks must be contiguous.
     */
    void feed(byte[] buf, int off, int len, long chunkOffset, LineSink sink) throws InterruptedException {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            int nl = indexOfNewline(buf, pos, end);
            if (nl < 0) {
                appendPartial(buf, pos, end - pos);
                return;
            }
            long endOffset = chunkOffset + (nl + 1 - off);
            long start = lineStart;
            // Advance first: the sink may look at lineStart() (it must not see the old one).
            lineStart = endOffset;
            if (carryLen == 0 && !discarding) {
                int lineLen = nl - pos;
                if (lineLen <= maxLineBytes) {
                    sink.line(buf, pos, lineLen, start, endOffset, false);
                } else {
                    sink.line(buf, pos, Utf8.cutToCharBoundary(buf, pos, maxLineBytes), start, endOffset, true);
                }
            } else {
                appendPartial(buf, pos, nl - pos);
                boolean truncated = discarding;
                int n = carryLen;
                carryLen = 0;
                discarding = false;
                sink.line(carry, 0, n, start, endOffset, truncated);
                shrinkCarry();
            }
            pos = nl + 1;
        }
    }

    /**
     * Hands out the unfinished line (a last line without {@code \n}), e.g. when a rotated or
     * deleted file is closed; {@code endOffset} is the offset after its last byte.
     */
    void flushPartialLine(long endOffset, LineSink sink) throws InterruptedException {
        if (!hasPartialLine()) {
            return;
        }
        long start = lineStart;
        boolean truncated = discarding;
        int n = carryLen;
        carryLen = 0;
        discarding = false;
        lineStart = endOffset;
        sink.line(carry, 0, n, start, endOffset, truncated);
        shrinkCarry();
    }

    private void appendPartial(byte[] buf, int off, int len) {
        if (discarding || len == 0) {
            return;
        }
        int room = maxLineBytes - carryLen;
        int take = len;
        if (len > room) {
            take = Utf8.cutToCharBoundary(buf, off, room);
            discarding = true;
        }
        ensureCarry(carryLen + take);
        System.arraycopy(buf, off, carry, carryLen, take);
        carryLen += take;
        if (discarding) {
            // The cut may fall inside a character begun in an earlier chunk.
            carryLen -= Utf8.incompleteTail(carry, 0, carryLen);
        }
    }

    private void ensureCarry(int needed) {
        if (needed > carry.length) {
            int size = Math.max(needed, Math.min(maxLineBytes, carry.length * 2));
            byte[] bigger = new byte[size];
            System.arraycopy(carry, 0, bigger, 0, carryLen);
            carry = bigger;
        }
    }

    private void shrinkCarry() {
        if (carry.length > KEEP_CARRY_BYTES && carryLen == 0) {
            carry = new byte[256];
        }
    }

    private static int indexOfNewline(byte[] buf, int from, int to) {
        return Swar.indexOfNewline(buf, from, to);
    }
}
