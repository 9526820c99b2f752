package io.tributary.plugin.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The ASCII check for {@link Event.Builder#body(byte[], int, int)}, eight bytes at a time (cheap without C2's intrinsics). */
final class Ascii {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;

    private Ascii() {
    }

    /** Whether every byte in {@code [off, off + len)} is below 0x80. */
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
