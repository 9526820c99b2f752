package io.tributary.agent.internal.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans eight bytes at a time ("SIMD within a register"): the agent runs under C1, which
 * compiles a loop per byte into slow code and has none of C2's vectorized string intrinsics,
 * while a long read through a byte-array view is cheap in both.
 */
final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    private Swar() {
    }

    /**
     * The index of the first byte in {@code [from, to)} that a JSON string cannot take as it is,
     * or that {@link JsonBytes#string} must look at: below 0x20, {@code "}, {@code \}, {@code ?},
     * or 0x80 and above; {@code to} when there is none.
     */
    static int attention(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i);
            long q = x ^ 0x2222222222222222L;  // '"'
            long s = x ^ 0x5C5C5C5C5C5C5C5CL;  // '\\'
            long m = x ^ 0x3F3F3F3F3F3F3F3FL;  // '?'
            // (v - ONES) & ~v has a byte's high bit set where that byte of v is zero (and possibly
            // above one that is): exact as to whether any is. Likewise x - 0x20.. for bytes below 0x20;
            // bytes with the high bit set are caught by x itself.
            long t = ((x - 0x2020202020202020L) & ~x) | ((q - ONES) & ~q) | ((s - ONES) & ~s) | ((m - ONES) & ~m) | x;
            if ((t & HIGH) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            int c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == '?') { // a negative byte is 0x80 and above
                return i;
            }
        }
        return to;
    }
}
