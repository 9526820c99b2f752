package io.tributary.sink.jdbc.internal;

import io.tributary.sink.mapping.ColumnType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Encodes rows in PostgreSQL's binary COPY format: signature and header, then per row an int16
 * field count and per field an int32 length (-1 = NULL) and the value in the type's binary send
 * format (int8/int4/float8 big-endian, bool one byte, text UTF-8, timestamptz int64 microseconds
 * since 2000-01-01 UTC, jsonb version byte 1 + JSON text), then an int16 -1 trailer. The server
 * skips text parsing of numbers and timestamps. Not thread-safe.
 */
final class PostgresBinaryRows {
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** 2000-01-01T00:00:00Z in epoch seconds. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private final ColumnType[] types;
    private final Buffer out = new Buffer(1 << 20);

    PostgresBinaryRows(ColumnType[] types) {
        this.types = types;
    }

    Buffer buffer() {
        return out;
    }

    void append(Object[] row) {
        out.int16(row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                out.int32(-1);
                continue;
            }
            switch (types[i]) {
                case STRING -> {
                    byte[] bytes = ((String) v).getBytes(StandardCharsets.UTF_8);
                    out.int32(bytes.length);
                    out.write(bytes, 0, bytes.length);
                }
                case JSON -> {
                    byte[] bytes = ((String) v).getBytes(StandardCharsets.UTF_8);
                    out.int32(bytes.length + 1);
                    out.write(1); // jsonb binary format version
                    out.write(bytes, 0, bytes.length);
                }
                case LONG -> {
                    out.int32(8);
                    out.int64((Long) v);
                }
                case INT -> {
                    out.int32(4);
                    out.int32((Integer) v);
                }
                case DOUBLE -> {
                    out.int32(8);
                    out.int64(Double.doubleToRawLongBits((Double) v));
                }
                case BOOLEAN -> {
                    out.int32(1);
                    out.write((Boolean) v ? 1 : 0);
                }
                case TIMESTAMP -> {
                    Instant t = (Instant) v;
                    out.int32(8);
                    out.int64(Math.addExact(Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L), t.getNano() / 1000));
                }
                default -> throw new IllegalStateException(types[i].toString());
            }
        }
    }

    /** A growable byte buffer with big-endian writers (unsynchronized, unlike ByteArrayOutputStream). */
    static final class Buffer {
        private byte[] buf;
        private int size;

        Buffer(int capacity) {
            buf = new byte[capacity];
        }

        byte[] array() {
            return buf;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void write(byte[] bytes, int off, int len) {
            ensure(len);
            System.arraycopy(bytes, off, buf, size, len);
            size += len;
        }

        void int16(int v) {
            ensure(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void int32(int v) {
            ensure(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }
    }
}
