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
