package io.tributary.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.agent.internal.pipeline.EventJson;
import io.tributary.plugin.api.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private final EventJson json = new EventJson();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode roundTrip(Event e) throws Exception {
        byte[] bytes = json.write(e);
        // Always valid UTF-8 and valid JSON.
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)); // throws on malformed UTF-8
        return mapper.readTree(bytes);
    }

    @Test
    void aLogLineKeepsEveryCharacterExactly() throws Exception {
        String body = "tab\there \"quoted\" back\\slash\nnew line \u0001 ctl é 日本 😀 end";
        Event e = Event.builder().timestamp(Instant.parse("2026-12-01T18:00:00.123Z")).host("web-1").sourceId("nginx")
                .body(body).attribute("path", "/var/log/ä.log").attribute("truncated", "true").build();
        JsonNode n = roundTrip(e);
        assertThat(n.get("timestamp").asText()).isEqualTo("2026-12-01T18:00:00.123Z");
        assertThat(n.get("host").asText()).isEqualTo("web-1");
        assertThat(n.get("source").asText()).isEqualTo("nginx");
        assertThat(n.get("body").asText()).isEqualTo(body);
        assertThat(n.get("attributes").get("path").asText()).isEqualTo("/var/log/ä.log");
        assertThat(n.has("fields")).isFalse();
        List<String> keys = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("timestamp", "host", "source", "body", "attributes");
    }

    @Test
    void anUnpairedSurrogateBecomesTheReplacementCharacter() throws Exception {
        Event e = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body("a\uD800b\uDC00c").build();
        assertThat(roundTrip(e).get("body").asText()).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void metricsFieldsKeepTheirTypesAndOrder() throws Exception {
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("read.bytes", 123456789012L);
        disk.put("busy", 0.25);
        Event e = Event.builder().timestamp(Instant.parse("2026-12-01T18:00:00.123456Z")).host("h").sourceId("m")
                .field("cpu.total", 0.5).field("cores", 8).field("up", true).field("nan", Double.NaN)
                .field("disk", disk).field("loads", List.of(1.0, 0.5, 0.25)).field("name", "sda").build();
        JsonNode n = roundTrip(e);
        assertThat(n.get("timestamp").asText()).isEqualTo("2026-12-01T18:00:00.123456Z");
        JsonNode f = n.get("fields");
        assertThat(f.get("cpu.total").asDouble()).isEqualTo(0.5);
        assertThat(f.get("cores").isIntegralNumber()).isTrue();
        assertThat(f.get("up").asBoolean()).isTrue();
        assertThat(f.get("nan").isNull()).isTrue();
        assertThat(f.get("disk").get("read.bytes").asLong()).isEqualTo(123456789012L);
        assertThat(f.get("loads").get(2).asDouble()).isEqualTo(0.25);
        assertThat(n.has("body")).isFalse();
    }

    @Test
    void timestampsMatchInstantParsingAcrossSecondsAndPrecisions() throws Exception {
        for (String t : List.of("2026-12-01T18:00:00Z", "2026-12-01T18:00:01.001Z", "1999-12-31T23:59:59.999999999Z",
                "2026-01-01T00:00:00.000100Z")) {
            Instant i = Instant.parse(t);
            JsonNode n = roundTrip(Event.builder().timestamp(i).host("h").sourceId("s").body("x").build());
            assertThat(Instant.parse(n.get("timestamp").asText())).isEqualTo(i);
        }
    }
}
