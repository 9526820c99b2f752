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
    void aBodyGivenAsBytesIsWrittenExactlyAsTheSameTextGivenAsAString() throws Exception {
        String[] pieces = {"a", "\"", "\\", "?", "\t", "\u0001", "\u007f", "x y", "é", "日"};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 500; round++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                // ASCII only in most rounds (kept as bytes), some with wider characters (decoded by the builder)
                b.append(pieces[random.nextInt(round % 4 == 0 ? pieces.length : pieces.length - 2)]);
            }
            String text = b.toString();
            byte[] utf8 = ("<<" + text + ">>").getBytes(StandardCharsets.UTF_8);
            Event fromBytes = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s")
                    .body(utf8, 2, utf8.length - 4).attribute("path", "/p").build();
            Event fromString = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(text)
                    .attribute("path", "/p").build();
            assertThat(new String(json.write(fromBytes), StandardCharsets.UTF_8))
                    .isEqualTo(new String(json.write(fromString), StandardCharsets.UTF_8));
            assertThat(roundTrip(fromBytes).get("body").asText()).isEqualTo(text);
        }
    }

    @Test
    void malformedUtf8BytesBecomeReplacementCharacters() throws Exception {
        byte[] bad = {'a', (byte) 0xFF, 'b', (byte) 0xC3};
        Event e = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(bad, 0, bad.length).build();
        assertThat(roundTrip(e).get("body").asText()).isEqualTo("a\uFFFDb\uFFFD");
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

    @Test
    void questionMarksLatin1AndWiderCharactersAtEveryPositionOfTheEightByteScan() throws Exception {
        // The writer scans eight bytes at a time and treats '?' specially (what ISO-8859-1 makes of a
        // character beyond Latin-1): every kind of character at every offset, in strings of every length.
        String[] specials = {"?", "\"", "\\", "\n", "\u0000", "\u001f", "\u007f", "é", "\u00ff", "\u0100", "日", "😀",
            "\uD800", "\uDC00", "?\u0100?", "\u00e9?"};
        for (String special : specials) {
            for (int length = 0; length <= 20; length++) {
                for (int at = 0; at <= length; at++) {
                    String body = "abcdefghijklmnopqrst".substring(0, at) + special + "ABCDEFGHIJKLMNOPQRST".substring(at, length);
                    Event e = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(body).build();
                    assertThat(roundTrip(e).get("body").asText()).as("%s at %d of %d", special, at, length)
                            .isEqualTo(withReplacementCharacters(body));
                }
            }
        }
    }

    @Test
    void aLongAccessLogLineIsWrittenExactly() throws Exception {
        String body = "203.0.113.9 - - [01/Dec/2026:18:00:00 +0000] \"GET /search?q=caf\u00e9&page=2 HTTP/1.1\" 200 5123 "
                + "\"https://example.com/?ref=a\\b\" \"Mozilla/5.0 (X11; Linux x86_64) \u65e5\u672c\" rt=0.012";
        Event e = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(body)
                .attribute("offset", "123456").build();
        JsonNode n = roundTrip(e);
        assertThat(n.get("body").asText()).isEqualTo(body);
        assertThat(n.get("attributes").get("offset").asText()).isEqualTo("123456");
    }

    /** What the writer promises for unpaired surrogates: U+FFFD. */
    private static String withReplacementCharacters(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}
