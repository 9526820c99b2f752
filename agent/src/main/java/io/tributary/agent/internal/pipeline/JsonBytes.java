package io.tributary.agent.internal.pipeline;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer into a growable byte array, UTF-8, for the one shape the agent writes
 * per event. It exists because serializing events is most of a log source's CPU per line and a
 * general-purpose generator spends much of that on set-up. Strings are escaped per RFC 8259
 * (quote, backslash, control characters); an unpaired surrogate becomes U+FFFD, so the output is
 * always valid UTF-8. Not thread-safe: {@link EventJson} keeps one per thread.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[1024];
    /** The rest of a string beyond Latin-1, copied out once: String.charAt per character is slow without C2. */
    private char[] chars = new char[256];
    private int len;

    void reset() {
        len = 0;
        if (buf.length > 1 << 20) {
            buf = new byte[1024]; // do not keep a huge buffer around after one huge event
        }
        if (chars.length > 1 << 19) {
            chars = new char[256];
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    /** ASCII text known to need no escaping (field names we choose, numbers, timestamps). */
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    /** Bytes known to need no escaping (field names and punctuation we choose). */
    void raw(byte[] b) {
        raw(b, b.length);
    }

    void raw(byte[] b, int n) {
        ensure(n);
        System.arraycopy(b, 0, buf, len, n);
        len += n;
    }

    /**
     * {@link #string(String)} remembering the encoding of the last string written through
     * {@code memo}: a source writes the same host, source id, attribute names and file path into
     * every event, so these are copied instead of encoded again (compared by identity: cheap,
     * and a miss only costs the encoding).
     */
    void string(String s, Memo memo) {
        if (s == memo.last) {
            raw(memo.bytes, memo.length);
            return;
        }
        int start = len;
        string(s);
        int n = len - start;
        if (n <= Memo.MAX_BYTES) {
            if (memo.bytes.length < n) {
                memo.bytes = new byte[Math.max(n, memo.bytes.length * 2)];
            }
            System.arraycopy(buf, start, memo.bytes, 0, n);
            memo.length = n;
            memo.last = s;
        } else {
            memo.last = null;
        }
    }

    /** The last string written through {@link #string(String, Memo)} with this memo, encoded. */
    static final class Memo {
        static final int MAX_BYTES = 4096;
        private String last;
        private byte[] bytes = new byte[64];
        private int length;
    }

    /**
     * Writes {@code s} quoted and escaped. The hot path of the agent (every log line's body), and
     * it runs under C1 (the launcher's agent flags), where a loop per character is slow: so the
     * string is copied out as ISO-8859-1 bytes (for the usual Latin-1 string a plain array copy,
     * no per-character loop), scanned eight bytes at a time for what needs attention (control
     * characters, quote, backslash, bytes of 0x80 and above, and '?', which is what ISO-8859-1
     * makes of a character it cannot encode), and copied to the output in runs between those.
     * A '?' that is not a real one sends the rest of the string through the per-character path.
     */
    void string(String s) {
        // Up to the first character beyond Latin-1 the bytes match the characters one to one (after
        // it they may not: a surrogate pair becomes one '?'), and the scan stops there.
        quoted(s.getBytes(StandardCharsets.ISO_8859_1), s);
    }

    /**
     * Writes ASCII bytes ({@link io.tributary.plugin.api.Event#asciiBodyBytes()}) quoted and escaped, as
     * {@link #string(String)} writes the same text, but without a String or a copy of it in between.
     */
    void asciiString(byte[] ascii) {
        quoted(ascii, null);
    }

    /** {@code in}: the ISO-8859-1 bytes of {@code s}, or ASCII bytes when {@code s} is null. */
    private void quoted(byte[] in, String s) {
        int n = in.length;
        ensure(n + 2);
        buf[len++] = '"';
        int i = 0;
        while (i < n) {
            int j = Swar.attention(in, i, n);
            if (j > i) {
                ensure(j - i + 1);
                System.arraycopy(in, i, buf, len, j - i);
                len += j - i;
            }
            if (j == n) {
                break;
            }
            int b = in[j] & 0xFF;
            if (b >= 0x80) {
                ensure(2);
                buf[len++] = (byte) (0xC0 | (b >> 6));
                buf[len++] = (byte) (0x80 | (b & 0x3F));
            } else if (b == '?') {
                if (s != null && s.charAt(j) != '?') {
                    // A character beyond Latin-1 (ISO-8859-1 wrote '?' for it): the rest char by char.
                    restOf(s, j, s.length());
                    break;
                }
                ensure(1);
                buf[len++] = '?';
            } else {
                escape((char) b);
            }
            i = j + 1;
        }
        ensure(1);
        buf[len++] = '"';
    }

    private void restOf(String s, int from, int n) {
        int m = n - from;
        if (chars.length < m) {
            chars = new char[Math.max(m, chars.length * 2)];
        }
        s.getChars(from, n, chars, 0);
        rest(chars, 0, m);
    }

    private void rest(char[] s, int from, int n) {
        for (int i = from; i < n; i++) {
            char c = s[i];
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    ensure(1);
                    buf[len++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                ensure(2);
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
                    int cp = Character.toCodePoint(c, s[++i]);
                    ensure(4);
                    buf[len++] = (byte) (0xF0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    three('\uFFFD');
                }
            } else {
                three(c);
            }
        }
    }

    /** Writes {@code digits} decimal digits of a non-negative {@code value}, zero-padded. */
    void digits(int value, int digits) {
        ensure(digits);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += digits;
    }

    private void three(char c) {
        ensure(3);
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
    }

    private void escape(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xF];
            }
        }
    }

    /** Any value an {@link io.tributary.plugin.api.Event} field may hold. */
    void value(Object v) {
        if (v instanceof String s) {
            string(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof BigDecimal) {
            ascii(v.toString());
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            // JSON has no NaN or infinity.
            ascii(Double.isNaN(d) || Double.isInfinite(d) ? "null" : (v instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d)));
        } else if (v instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (v instanceof Map<?, ?> m) {
            raw('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    raw(',');
                }
                first = false;
                string((String) e.getKey());
                raw(':');
                value(e.getValue());
            }
            raw('}');
        } else if (v instanceof List<?> l) {
            raw('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    raw(',');
                }
                value(l.get(i));
            }
            raw(']');
        } else {
            string(String.valueOf(v));
        }
    }
}
