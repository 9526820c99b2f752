package io.tributary.plugins.filetail.internal;

import java.nio.charset.StandardCharsets;

/** UTF-8 helpers for raw file bytes. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * How many of the {@code max} bytes from {@code off} to keep so that the cut does not split
     * a multi-byte character: a character whose first byte is kept but not all of its bytes is
     * left out whole. Bytes that are not valid UTF-8 anyway are cut where they are.
     */
    static int cutToCharBoundary(byte[] buf, int off, int max) {
        return max <= 0 ? 0 : max - incompleteTail(buf, off, max);
    }

    /** The number of bytes at the end of {@code buf[off, off+len)} that begin a character without finishing it. */
    static int incompleteTail(byte[] buf, int off, int len) {
        int end = off + len;
        for (int i = end - 1; i >= off && i >= end - 3; i--) {
            int b = buf[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the first byte
            }
            int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return end - i < need ? end - i : 0;
        }
        return 0;
    }

    /**
     * Decodes a line, dropping one trailing {@code \r} (CRLF files); malformed input becomes
     * U+FFFD, it never throws.
     */
    static String decodeLine(byte[] buf, int off, int len) {
        return decodeLine(buf, off, len, true);
    }

    /** As {@link #decodeLine(byte[], int, int)}; {@code stripCr = false} for a cut line (its end is not a line end). */
    static String decodeLine(byte[] buf, int off, int len, boolean stripCr) {
        if (stripCr && len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        // ASCII (most log lines) is its own UTF-8 and ISO-8859-1: decoding it as the latter is a plain
        // copy, where the UTF-8 decoder first checks every byte one by one (no intrinsic under C1).
        return Swar.isAscii(buf, off, len) ? new String(buf, off, len, StandardCharsets.ISO_8859_1)
                : new String(buf, off, len, StandardCharsets.UTF_8);
    }
}
