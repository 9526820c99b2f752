package io.tributary.plugins.filetail.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans eight bytes at a time ("SIMD within a register"): the agent runs under C1, which
 * compiles a loop per byte into slow code and has none of C2's vectorized intrinsics (such as
 * the one behind String's UTF-8 decoding), while a long read through a byte-array view is cheap
 * in both.
 */
final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private Swar() {
    }

    /** The index of the first {@code \n} in {@code [from, to)}, or -1. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(b, i) ^ NEWLINES;
            // A byte's high bit is set where that byte of v is zero (and possibly above it): exact as
            // to whether there is one, and the lowest such byte is the first newline.
            long z = (v - ONES) & ~v & HIGH;
            if (z != 0) {
                return i + (Long.numberOfTrailingZeros(z) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether every byte in {@code [off, off + len)} is ASCII (below 0x80). */
    static boolean isAscii(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        long or = 0;
        for (; i + 8 <= end; i += 8) {
            or |= (long) LONGS.get(b, i);
        }
        if ((or & HIGH) != 0) {
            return false;
        }
        for (; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
