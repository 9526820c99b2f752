package io.tributary.sink.mapping.internal;

import io.tributary.sink.api.SinkRecord;
import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;
import io.tributary.sink.mapping.Mapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowExtractorTest {
    private static final Mapping TOP_LEVEL = new Mapping("top", List.of(
            new ColumnSpec("ts", "$.t", ColumnType.TIMESTAMP, true),
            new ColumnSpec("n", "$.n", ColumnType.LONG, false),
            new ColumnSpec("i", "$.n", ColumnType.INT, false),
            new ColumnSpec("x", "$.x", ColumnType.DOUBLE, false),
            new ColumnSpec("ok", "$.ok", ColumnType.BOOLEAN, false),
            new ColumnSpec("s", "$.s", ColumnType.STRING, false),
            new ColumnSpec("j", "$.j", ColumnType.JSON, false),
            new ColumnSpec("off", "@offset", ColumnType.LONG, false)));
    // Same columns, but one nested path forces the tree path for all of them.
    private static final Mapping NESTED = new Mapping("nested", java.util.stream.Stream.concat(TOP_LEVEL.columns().stream(),
            java.util.stream.Stream.of(new ColumnSpec("deep", "$.j.a", ColumnType.STRING, false))).toList());

    private static SinkRecord record(String json) {
        return new SinkRecord("t", 0, 7, 0, null, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void streamingPathIsUsedForTopLevelFieldsAndAgreesWithTheTreePath() throws Exception {
        String json = "{\"t\":\"2026-12-01T10:00:00.250+01:00\",\"n\":42,\"x\":1.5,\"ok\":true,\"s\":\"tab\\there\","
                + "\"skip\":{\"deep\":[1,2,{\"x\":null}]},\"j\":{\"a\": [1, \"b\"]}}";
        Object[] fast = new RowExtractor(TOP_LEVEL).extract(record(json));
        Object[] tree = new RowExtractor(NESTED).extract(record(json));
        assertThat(StreamingExtractor.supports(TOP_LEVEL.columns())).isTrue();
        assertThat(StreamingExtractor.supports(NESTED.columns())).isFalse();
        assertThat(fast).containsExactly(Instant.parse("2026-12-01T09:00:00.250Z"), 42L, 42, 1.5, true, "tab\there",
                "{\"a\": [1, \"b\"]}", 7L);
        assertThat(java.util.Arrays.copyOf(tree, 6)).containsExactly(java.util.Arrays.copyOf(fast, 6));
        assertThat(tree[6]).isEqualTo("{\"a\":[1,\"b\"]}"); // the tree path re-serializes compactly
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"n\":1} | ts ($.t): required but missing",
            "{\"t\":null} | ts ($.t): required but missing",
            "{\"t\":\"2026-02-30T00:00:00Z\"} | ts ($.t): not an ISO-8601 timestamp with offset: \"2026-02-30T00:00:00Z\"",
            "{\"t\":\"2026-12-01 10:00\"} | ts ($.t): not an ISO-8601 timestamp with offset: \"2026-12-01 10:00\"",
            "{\"t\":true} | ts ($.t): not a timestamp: true",
            "{\"t\":0,\"n\":1.5} | n ($.n): not an integer: 1.5",
            "{\"t\":0,\"n\":\"seven\"} | n ($.n): not an integer: \"seven\"",
            "{\"t\":0,\"n\":4294967296} | i ($.n): not a 32-bit integer: 4294967296",
            "{\"t\":0,\"x\":[1]} | x ($.x): not a number: [1]",
            "{\"t\":0,\"ok\":\"yes\"} | ok ($.ok): not a boolean: \"yes\"",
            "[1,2] | not a JSON object",
            "{\"t\":0,\"s\":\"a\"  | not valid JSON: Unexpected end-of-input",
    })
    void rejectsWithTheSameReasonOnBothPaths(String json, String reason) {
        assertThatThrownBy(() -> new RowExtractor(TOP_LEVEL).extract(record(json))).hasMessageStartingWith(reason);
        assertThatThrownBy(() -> new RowExtractor(NESTED).extract(record(json))).hasMessageStartingWith(reason.substring(0, Math.min(reason.length(), 20)));
    }

    @Test
    void nullValueAndNulCharactersAreRejected() {
        assertThatThrownBy(() -> new RowExtractor(TOP_LEVEL).extract(record(null))).hasMessage("empty record (null value)");
        assertThatThrownBy(() -> new RowExtractor(TOP_LEVEL).extract(record("{\"t\":0,\"s\":\"a\\u0000b\"}")))
                .hasMessage("s ($.s): contains a NUL character");
        assertThatThrownBy(() -> new RowExtractor(TOP_LEVEL).extract(record("{\"t\":0,\"j\":{\"a\":\"\\u0000\"}}")))
                .hasMessage("j ($.j): contains a NUL character");
    }

    @ParameterizedTest
    @CsvSource({"2026-12-01T10:00:00Z", "2026-12-01T10:00:00.1Z", "2026-12-01T10:00:00.123456789-05:30", "1999-12-31T23:59:59.999+14:00",
            "2026-12-01T10:00:00+00:00"})
    void fastTimestampParsingMatchesJavaTime(String text) {
        assertThat(IsoTimestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
}
