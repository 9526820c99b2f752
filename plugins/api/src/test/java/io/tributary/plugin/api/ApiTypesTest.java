package io.tributary.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTypesTest {
    @Test
    void dataSizeParsesBinaryUnits() {
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.parse("64KiB").bytes()).isEqualTo(65536);
        assertThat(DataSize.parse("10mb").bytes()).isEqualTo(10L << 20);
        assertThat(DataSize.parse("1 GiB").bytes()).isEqualTo(1L << 30);
        assertThat(DataSize.ofMiB(10).toString()).isEqualTo("10MiB");
        assertThatThrownBy(() -> DataSize.parse("ten")).hasMessageContaining("not a size: 'ten'");
    }

    @Test
    void eventKeepsInsertionOrderAndRejectsNonJsonValues() {
        Event e = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s")
                .field("z", 1).field("a", Map.of("x", List.of(1.5, "y"))).attribute("path", "/p").build();
        assertThat(e.fields().keySet()).containsExactly("z", "a");
        assertThat(e.toBuilder().build()).isEqualTo(e);
        assertThatThrownBy(() -> Event.builder().field("t", new Object())).hasMessageContaining("field t");
        assertThatThrownBy(() -> Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").build())
                .hasMessageContaining("body or at least one field");
    }

    @Test
    void aBodyGivenAsUtf8BytesIsTheSameEventAsItsText() {
        byte[] line = "xx GET /a?b=\"c\" 200 xx".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Event fromBytes = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(line, 3, line.length - 6).build();
        Event fromText = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body("GET /a?b=\"c\" 200").build();
        assertThat(fromBytes.hasBody()).isTrue();
        assertThat(fromBytes.asciiBodyBytes()).isNotNull();
        assertThat(fromBytes.body()).isEqualTo("GET /a?b=\"c\" 200");
        assertThat(fromBytes).isEqualTo(fromText).hasSameHashCodeAs(fromText);
        assertThat(fromBytes.toBuilder().build()).isEqualTo(fromText);
        line[4] = 'X'; // copied: the event does not change with the caller's buffer
        assertThat(fromBytes.body()).startsWith("GET");

        byte[] utf8 = "é \u65e5 ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Event wide = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(utf8, 0, utf8.length).build();
        assertThat(wide.body()).isEqualTo("é \u65e5 ok");
        assertThat(wide.asciiBodyBytes()).isNull();
        byte[] bad = {'a', (byte) 0xFF};
        assertThat(Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(bad, 0, 2).build().body())
                .isEqualTo("a\uFFFD");
        assertThat(Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(new byte[0], 0, 0).build().body())
                .isEmpty();
        assertThatThrownBy(() -> Event.builder().body(line, 20, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        // body(String) after body(bytes) replaces it
        assertThat(Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body(line, 0, 2).body("t").build()
                .body()).isEqualTo("t");
    }

    @Test
    void attributesKeepOrderReplaceByNameAndStayWithTheirEvent() {
        Event.Builder b = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body("x")
                .attribute("path", "/p").attribute("offset", "1").attribute("path", "/q");
        Event first = b.build();
        Event second = b.attribute("offset", "2").attribute("truncated", "true").build();
        assertThat(first.attributes()).containsExactly(Map.entry("path", "/q"), Map.entry("offset", "1"));
        assertThat(first.attributes()).isEqualTo(Map.of("path", "/q", "offset", "1")).hasSameHashCodeAs(Map.of("path", "/q", "offset", "1"));
        assertThat(second.attributes()).containsExactly(Map.entry("path", "/q"), Map.entry("offset", "2"),
                Map.entry("truncated", "true"));
        assertThat(first.attributes().get("offset")).isEqualTo("1");
        assertThat(first.attributes().containsKey("truncated")).isFalse();
        assertThatThrownBy(() -> first.attributes().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(first.toBuilder().attribute("more", "1").build().attributes()).containsKeys("path", "offset", "more");
        assertThat(first.attributes()).hasSize(2);

        Event.Builder many = Event.builder().timestamp(Instant.EPOCH).host("h").sourceId("s").body("x");
        for (int i = 0; i < 12; i++) {
            many.attribute("k" + i, "v" + i);
        }
        Event m = many.attribute("k3", "three").build();
        assertThat(m.attributes()).hasSize(12);
        assertThat(m.attributes().keySet()).startsWith("k0", "k1", "k2", "k3").endsWith("k11");
        assertThat(m.attributes().get("k3")).isEqualTo("three");
    }

    record Nested(@ConfigDoc("a") String a, String b) {
    }

    record WithSize(@ConfigDoc("size") DataSize max, @ConfigDoc("nested") Nested nested) {
    }

    @Test
    void configDocsFindsUndocumentedKeysInNestedSectionsButNotInsideValueTypes() {
        assertThat(io.tributary.plugin.api.testkit.ConfigDocs.undocumented(WithSize.class)).containsExactly("nested.b");
    }

    @Test
    void positionBoundsItsSize() {
        assertThat(Position.of("k", 42).valueAsLong()).isEqualTo(42);
        assertThatThrownBy(() -> new Position("", "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
