package io.tributary.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record binder plugin configs and agent sections go through: what a user's YAML turns into, and every error. */
class ConfigMapperTest {
    enum Mode { FAST, SLOW_START }

    record Inner(String startPattern, Duration timeout) {
        Inner {
            timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
        }
    }

    record Settings(List<String> paths, Mode mode, Duration interval, DataSize maxSize, Integer count, long total,
                    boolean enabled, Double ratio, Path dir, Inner inner, Map<String, String> attributes,
                    Map<String, Object> extra) {
        Settings {
            if (count != null && count < 0) {
                throw new IllegalArgumentException("must be >= 0, got " + count);
            }
            paths = paths == null ? List.of() : paths;
        }
    }

    private final ConfigMapper mapper = new ConfigMapper();

    private Settings bind(String yaml) throws Exception {
        return mapper.bind(YamlTree.parse(yaml), Settings.class, "sources[0]");
    }

    private List<ConfigError> errors(String yaml) {
        try {
            bind(yaml);
        } catch (ConfigException e) {
            return e.errors();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("bound without an error: " + yaml);
    }

    @Test
    void bindsEveryKindOfValueByKebabCaseKey() throws Exception {
        Settings s = bind("""
                paths: [/var/log/a.log, "/srv/b.log"]
                mode: slow-start
                interval: 250ms
                max-size: 10MiB
                count: 7
                total: 9000000000
                enabled: yes
                ratio: 0.5
                dir: /var/lib/x
                inner: { start-pattern: '^\\d{4}' }
                attributes: { env: prod, tier: 2 }
                extra: { n: 3, on: true, list: [a, 1.5] }
                """);
        assertThat(s.paths()).containsExactly("/var/log/a.log", "/srv/b.log");
        assertThat(s.mode()).isEqualTo(Mode.SLOW_START);
        assertThat(s.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.maxSize()).isEqualTo(DataSize.ofMiB(10));
        assertThat(s.count()).isEqualTo(7);
        assertThat(s.total()).isEqualTo(9_000_000_000L);
        assertThat(s.enabled()).isTrue();
        assertThat(s.ratio()).isEqualTo(0.5);
        assertThat(s.dir()).isEqualTo(Path.of("/var/lib/x"));
        assertThat(s.inner().startPattern()).isEqualTo("^\\d{4}");
        assertThat(s.inner().timeout()).as("the nested record's own default").isEqualTo(Duration.ofSeconds(1));
        assertThat(s.attributes()).containsExactly(Map.entry("env", "prod"), Map.entry("tier", "2"));
        assertThat(s.extra()).containsEntry("n", 3L).containsEntry("on", true).containsEntry("list", List.of("a", 1.5));
    }

    @Test
    void keysLeftOutReachTheConstructorAsNullSoItsDefaultsApply() throws Exception {
        Settings s = mapper.bind(null, Settings.class, "x");
        assertThat(s.paths()).isEmpty();
        assertThat(s.count()).isNull();
        assertThat(s.total()).isZero();
        assertThat(s.enabled()).isFalse();
    }

    @Test
    void aStringThatLooksLikeABooleanStaysAsWritten() throws Exception {
        record Host(String host) {
        }
        assertThat(mapper.bind(YamlTree.parse("host: no"), Host.class, "agent").host()).isEqualTo("no");
        assertThat(mapper.bind(YamlTree.parse("host: 007"), Host.class, "agent").host()).isEqualTo("007");
    }

    @Test
    void reportsEveryProblemWithItsKeyPath() {
        List<ConfigError> errors = errors("""
                paths: /not/a/list
                mode: turbo
                interval: 10
                max-size: lots
                count: 3000000000
                enabled: maybe
                ratio: half
                dir: ''
                inner: { start-pattern: x, timeout: soon, colour: red }
                attributes: [a, b]
                colour: blue
                """);
        assertThat(errors).extracting(ConfigError::toString).contains(
                "sources[0].paths: expected a list",
                "sources[0].mode: 'turbo' is not one of fast, slow-start",
                "sources[0].interval: a duration needs a unit: 10s, 10ms, ...",
                "sources[0].count: '3000000000' is out of range (at most 2147483647)",
                "sources[0].enabled: 'maybe' is not true or false",
                "sources[0].ratio: 'half' is not a number",
                "sources[0].dir: an empty path",
                "sources[0].inner.timeout: not a duration: 'soon' (use e.g. 500ms, 10s, 5m, 1h)",
                "sources[0].attributes: expected a mapping (key: value)");
        assertThat(errors).filteredOn(e -> e.key().equals("sources[0].max-size")).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("lots"));
        assertThat(errors).filteredOn(e -> e.key().equals("sources[0].colour")).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("unknown key (known keys: attributes, count, dir, enabled,"));
        assertThat(errors).extracting(ConfigError::key).contains("sources[0].inner.colour");
    }

    @Test
    void aNullInsideAFreeFormListIsKept() throws Exception {
        Settings s = bind("extra: { list: [a, ~] }");
        assertThat(s.extra().get("list")).isEqualTo(java.util.Arrays.asList("a", null));
    }

    @Test
    void anItemOfAListIsNamedByItsIndex() {
        record Ports(List<Integer> ports) {
        }
        assertThatThrownBy(() -> mapper.bind(YamlTree.parse("ports: [1, 2, x]"), Ports.class, "sources[1]"))
                .isInstanceOf(ConfigException.class).hasMessage("sources[1].ports[2]: 'x' is not a whole number");
    }

    @Test
    void theRecordsOwnCheckIsReportedAtItsPath() {
        assertThat(errors("count: -5")).extracting(ConfigError::toString).containsExactly("sources[0]: must be >= 0, got -5");
    }

    @Test
    void anExplicitNullForAPrimitiveIsAnError() {
        assertThat(errors("total: ~")).extracting(ConfigError::toString).containsExactly("sources[0].total: expected a whole number");
    }

    @Test
    void aMappingWhereAValueBelongsIsAnError() {
        assertThat(errors("count: { a: 1 }")).extracting(ConfigError::toString).containsExactly("sources[0].count: expected a whole number");
        assertThat(errors("inner: text")).extracting(ConfigError::toString).containsExactly("sources[0].inner: expected a mapping (key: value)");
    }

    @Test
    void kebabCaseIsJacksonsTranslationOfTheComponentName() {
        assertThat(ConfigMapper.kebab("scanInterval")).isEqualTo("scan-interval");
        assertThat(ConfigMapper.kebab("s3Bucket")).isEqualTo("s3-bucket");
        assertThat(ConfigMapper.kebab("paths")).isEqualTo("paths");
        assertThat(ConfigMapper.kebab("maxIOThreads")).isEqualTo("max-iothreads");
    }
}
