package io.tributary.sink.duckdb.internal;

import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;
import io.tributary.sink.mapping.Mapping;
import io.tributary.sink.testing.TestEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPassThroughTest {
    private static final JsonPassThrough LOG = JsonPassThrough.of(Mapping.LOG_EVENT.columns());

    private static boolean safe(String json) {
        return LOG.safe(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBuiltInMappingsAndFieldColumnsHaveAPassThroughForm() {
        assertThat(JsonPassThrough.of(Mapping.LOG_EVENT.columns())).isNotNull();
        assertThat(JsonPassThrough.of(Mapping.METRIC_EVENT.columns())).isNotNull();
        assertThat(JsonPassThrough.of(Mapping.fromColumns("c", Map.of("host", "$.host")).columns())).isNotNull();
    }

    @Test
    void metadataNestedPathsDoublesAndRepeatedPathsHaveNone() {
        assertThat(JsonPassThrough.of(List.of(new ColumnSpec("t", "@topic", ColumnType.STRING, false)))).isNull();
        assertThat(JsonPassThrough.of(List.of(new ColumnSpec("l", "$.attributes.level", ColumnType.STRING, false)))).isNull();
        assertThat(JsonPassThrough.of(List.of(new ColumnSpec("f", "$.list[0]", ColumnType.STRING, false)))).isNull();
        assertThat(JsonPassThrough.of(List.of(new ColumnSpec("e", "$", ColumnType.JSON, false)))).isNull();
        assertThat(JsonPassThrough.of(List.of(new ColumnSpec("d", "$.cpu", ColumnType.DOUBLE, false)))).isNull();
        assertThat(JsonPassThrough.of(List.of(new ColumnSpec("a", "$.host", ColumnType.STRING, false),
                new ColumnSpec("b", "$.host", ColumnType.STRING, false)))).isNull();
    }

    @Test
    void admitsTheAgentsEvents() {
        assertThat(safe(TestEvents.logEvent(Instant.parse("2026-12-01T10:00:00.123Z"), "web-1", "GET /x \\\"q\\\" é ✓"))).isTrue();
        assertThat(safe("{\"timestamp\":\"2026-12-01T10:00:00+05:30\",\"host\":null,\"body\":\"a\\nb\\u00e9\\/\",\"other\":[1.5e3,{\"x\":[true,false,null]}]}")).isTrue();
        assertThat(safe(" { \"timestamp\" : \"2026-02-28T23:59:59.999999-17:59\" , \"attributes\" : [] } ")).isTrue();
        assertThat(safe("{\"timestamp\":\"2024-02-29T00:00:00Z\",\"attributes\":{\"k\":\"v\\\"\\\\\\n\\t\",\"n\":-12,\"e\":{}}}")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[1]",
            "\"text\"",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\"",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\"} trailing",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",}",
            "{\"host\":\"required timestamp missing\"}",
            "{\"timestamp\":null}",
            "{\"timestamp\":1764583200000}",
            "{\"timestamp\":\"not a time\"}",
            "{\"timestamp\":\"2026-02-30T10:00:00Z\"}",
            "{\"timestamp\":\"2026-12-01T24:00:00Z\"}",
            "{\"timestamp\":\"2026-12-01T10:00:60Z\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00.1234567Z\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00z\"}",
            "{\"timestamp\":\"2026-12-01t10:00:00Z\"}",
            "{\"timestamp\":\"2026-12-01 10:00:00Z\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00+18:00\"}",
            "{\"timestamp\":\"0000-12-01T10:00:00Z\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":42}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":true}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":{\"name\":\"x\"}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":\"nul \\u0000 inside\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":\"lone \\ud800 surrogate\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":\"bad \\x escape\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":\"a\",\"host\":\"b\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"ho\\u0073t\":\"escaped key\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":\"a string\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":{\"a\": 1}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":{\"a\":1.0}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":{\"a\":12345678901234567890}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":{\"a\":-0}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":{\"a\":\"\\u00e9\"}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":{\"a\":\"\\/\"}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"attributes\":{\"a\":01}}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"other\":01}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"other\":NaN}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"other\":[1,]}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\n\"host\":\"a line break\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":\"raw\ttab\"}",
            "{\"timestamp\":\"2026-12-01T10:00:00Z\" /* comment */}",
    })
    void leavesEverythingElseToTheExactPath(String json) {
        assertThat(safe(json)).isFalse();
    }

    @Test
    void leavesInvalidUtf8AndNullValuesToTheExactPath() {
        byte[] bad = "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 3] = (byte) 0xC3; // "é" is C3 A9; make it C3 C3 (no continuation byte)
        assertThat(LOG.safe(bad)).isFalse();
        byte[] overlong = "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"host\":\"..\"}".getBytes(StandardCharsets.UTF_8);
        overlong[overlong.length - 4] = (byte) 0xC0; // "/" written in two bytes
        overlong[overlong.length - 3] = (byte) 0xAF;
        assertThat(LOG.safe(overlong)).isFalse();
        assertThat(LOG.safe(null)).isFalse();
    }

    @Test
    void typedColumnsTakeOnlyTheirPlainKinds() {
        JsonPassThrough typed = JsonPassThrough.of(List.of(new ColumnSpec("n", "$.n", ColumnType.LONG, false),
                new ColumnSpec("i", "$.i", ColumnType.INT, false), new ColumnSpec("b", "$.b", ColumnType.BOOLEAN, false)));
        assertThat(typed.safe("{\"n\":-123456789012345678,\"i\":123456789,\"b\":false}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(typed.safe("{\"n\":\"12\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(typed.safe("{\"n\":1.0}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(typed.safe("{\"n\":1234567890123456789}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(typed.safe("{\"i\":1234567890}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(typed.safe("{\"b\":\"true\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(typed.safe("{\"b\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
