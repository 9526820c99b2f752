package io.tributary.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.agent.internal.config.YamlTree.Scalar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTreeTest {
    @Test
    @SuppressWarnings("unchecked")
    void keepsKeyOrderTextAndWhatYamlResolvedEachValueTo() throws Exception {
        Object tree = YamlTree.parse("""
                b: 10
                a: "10"
                c: [true, 1.5, ~, text]
                """);
        assertThat(tree).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        assertThat(map.keySet()).containsExactly("b", "a", "c");
        assertThat(map.get("b")).isEqualTo(new Scalar("10", Scalar.Kind.INT));
        assertThat(map.get("a")).isEqualTo(new Scalar("10", Scalar.Kind.STRING));
        assertThat((List<Object>) map.get("c")).containsExactly(new Scalar("true", Scalar.Kind.BOOL),
                new Scalar("1.5", Scalar.Kind.FLOAT), null, new Scalar("text", Scalar.Kind.STRING));
    }

    @Test
    void anEmptyDocumentIsNull() throws Exception {
        assertThat(YamlTree.parse("")).isNull();
        assertThat(YamlTree.parse("# only a comment\n")).isNull();
    }

    @Test
    void aKeyGivenTwiceNamesTheKeyPathAndBothLines() {
        assertThatThrownBy(() -> YamlTree.parse("sources:\n  - type: a\n    topic: x\n    topic: y\n"))
                .isInstanceOfSatisfying(YamlTree.YamlException.class, e -> {
                    assertThat(e.key()).isEqualTo("sources[0].topic");
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).isEqualTo("key 'topic' given twice (line 3 and line 4)");
                });
    }

    @Test
    void aSyntaxErrorGivesItsLineAndColumn() {
        assertThatThrownBy(() -> YamlTree.parse("agent:\n  host: [unclosed\n"))
                .isInstanceOfSatisfying(YamlTree.YamlException.class, e -> {
                    assertThat(e.key()).isNull();
                    assertThat(e.getMessage()).startsWith("line 3, column 1: ");
                });
    }

    @Test
    void aRecursiveAliasIsAnErrorNotAStackOverflow() {
        assertThatThrownBy(() -> YamlTree.parse("a: &x [*x]\n"))
                .isInstanceOf(YamlTree.YamlException.class).hasMessageContaining("nested more than 64 levels");
    }

    @Test
    void aliasesAreExpanded() throws Exception {
        Map<?, ?> map = (Map<?, ?>) YamlTree.parse("base: &b {x: 1}\ncopy: *b\n");
        assertThat(map.get("copy")).isEqualTo(map.get("base"));
    }
}
