package org.example.tributary.tcplines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines at {@code \n} (a trailing {@code \r} is dropped too), keeping
 * at most {@code maxBytes} of each line. Bytes that are not valid UTF-8 become U+FFFD, so bad
 * input never stops the source. Not thread-safe: one per connection.
 */
final class LineReader {
    /** One line; {@code truncated} when bytes past the limit were dropped. */
    record Line(String text, boolean truncated) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int pos;
    private int limit;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or {@code null} at the end of the stream (a last line without {@code \n} is returned first). */
    Line next() throws IOException {
        line.reset();
        boolean truncated = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.size() > 0 || truncated ? finish(truncated) : null;
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int room = maxBytes - line.size();
            int take = Math.min(pos - start, room);
            line.write(buffer, start, take);
            truncated |= take < pos - start;
            if (pos < limit) {
                pos++; // the '\n'
                return finish(truncated);
            }
        }
    }

    private Line finish(boolean truncated) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (!truncated && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), truncated);
    }
}
