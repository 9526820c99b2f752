package io.tributary.agent.internal.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats event times as {@code 2026-12-01T18:00:00.123Z}, caching the part up to the seconds:
 * {@link Instant#toString()} was a visible share of the agent's CPU per event. Thread-safe (the
 * cache is one immutable pair swapped atomically).
 */
final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private record Cached(long epochSecond, String prefix) {
    }

    private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    String format(Instant t) {
        long sec = t.getEpochSecond();
        Cached c = cached;
        if (c.epochSecond != sec) {
            if (sec < 0 || sec > 253_402_300_799L) {
                return t.toString(); // before 1970 or after year 9999: rare, let the JDK handle it
            }
            c = new Cached(sec, SECONDS.format(t));
            cached = c;
        }
        int nanos = t.getNano();
        int digits;
        int value;
        if (nanos % 1_000_000 == 0) {
            digits = 3;
            value = nanos / 1_000_000;
        } else if (nanos % 1_000 == 0) {
            digits = 6;
            value = nanos / 1_000;
        } else {
            digits = 9;
            value = nanos;
        }
        String prefix = c.prefix;
        char[] out = new char[prefix.length() + digits + 2];
        prefix.getChars(0, prefix.length(), out, 0);
        int p = prefix.length();
        out[p] = '.';
        for (int i = digits; i >= 1; i--) {
            out[p + i] = (char) ('0' + value % 10);
            value /= 10;
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }
}
