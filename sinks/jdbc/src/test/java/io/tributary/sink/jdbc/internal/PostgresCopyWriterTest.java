package io.tributary.sink.jdbc.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCopyWriterTest {
    @ParameterizedTest
    @CsvSource({"2026-12-01T10:00:00Z, 2026-12-01T10:00:00+00", "2026-12-01T10:00:00.000250Z, 2026-12-01T10:00:00.000250+00",
            "2026-01-02T03:04:05.6Z, 2026-01-02T03:04:05.600000+00"})
    void copyTextOfTimestampsIsUtcWithMicroseconds(String instant, String text) {
        StringBuilder out = new StringBuilder();
        PostgresCopyWriter.appendUtc(out, Instant.parse(instant));
        assertThat(out).hasToString(text);
    }
}
