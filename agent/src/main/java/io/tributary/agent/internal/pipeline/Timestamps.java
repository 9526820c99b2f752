package io.tributary.agent.internal.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes event times as {@code 2026-12-01T18:00:00.123Z} (micro- or nanoseconds when the time
 * has them), caching the encoded part up to the seconds: formatting was a visible share of the
 * agent's CPU per event, and consecutive events almost always fall into the same second. Not
 * thread-safe: {@link EventJson} keeps one per thread.
 */
final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    private long cachedSecond = Long.MIN_VALUE;
    private byte[] prefix;

    /** Writes the time without quotes. */
    void write(Instant t, JsonBytes out) {
        long sec = t.getEpochSecond();
        if (sec != cachedSecond) {
            if (sec < 0 || sec > LAST_SECOND_OF_9999) {
                out.ascii(t.toString()); // before 1970 or after year 9999: rare, let the JDK handle it
                return;
            }
            prefix = SECONDS.format(t).getBytes(StandardCharsets.US_ASCII);
            cachedSecond = sec;
        }
        out.raw(prefix);
        int nanos = t.getNano();
        out.raw('.');
        if (nanos % 1_000_000 == 0) {
            out.digits(nanos / 1_000_000, 3);
        } else if (nanos % 1_000 == 0) {
            out.digits(nanos / 1_000, 6);
        } else {
            out.digits(nanos, 9);
        }
        out.raw('Z');
    }
}
