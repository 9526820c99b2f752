package io.tributary.agent.internal.pipeline;

import java.math.BigDecimal;
import java.math.BigInteger;
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
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf = new byte[1024];
    /** The string being written, copied out once: String.charAt per character is slow without C2. */
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

    void string(String s) {
        int n = s.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] cs = chars;
        s.getChars(0, n, cs, 0);
        ensure(n + 2);
        buf[len++] = '"';
        // Fast path: ASCII needs one byte per char (room made above); a character to escape
        // (access logs quote their request lines) makes room for its escape and goes on.
        int i = 0;
        while (i < n) {
            byte[] b = buf;
            int p = len;
            for (; i < n; i++) {
                char c = cs[i];
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    break;
                }
                b[p++] = (byte) c;
            }
            len = p;
            if (i == n) {
                break;
            }
            char c = cs[i];
            if (c >= 0x80) {
                rest(cs, i, n);
                break;
            }
            ensure(n - i + 6);
            escape(c);
            i++;
        }
        ensure(1);
        buf[len++] = '"';
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
