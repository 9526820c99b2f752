package io.tributary.sink.runner;

import io.tributary.sink.api.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkRunnerConfigTest {
    private static SinkRunnerConfig parse(String yaml) {
        return SinkRunnerConfig.parse(yaml, SinkFactories.load());
    }

    @Test
    void everyKeyHasADefault() {
        SinkRunnerConfig config = parse("sinks:\n  - type: memory\n    id: a\n    topics: [logs]\n");
        assertThat(config.input().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.input().group()).isEqualTo("tributary-sink");
        assertThat(config.input().standalone()).isFalse();
        SinkSpec spec = config.sinks().get(0);
        assertThat(spec.name()).isEqualTo("a");
        assertThat(spec.group()).isEqualTo("tributary-sink");
        assertThat(spec.schedule()).isNull();
        assertThat(spec.batch()).isEqualTo(BatchSettings.DEFAULTS);
        assertThat(spec.retry()).isEqualTo(RetrySettings.DEFAULTS);
        assertThat(spec.deadLetter()).isEqualTo(new DeadLetter.Default());
    }

    @Test
    void readsScheduleMisfireAndDeadLetter() {
        SinkSpec spec = parse("input: {group: loader}\nsinks:\n  - type: memory\n    id: a\n    topics: [logs]\n"
                + "    schedule: \"0 5 * * * ?\"\n    misfire: skip\n    dead-letter: {topic: rejects}\n").sinks().get(0);
        assertThat(spec.schedule().cron()).isEqualTo("0 5 * * * ?");
        assertThat(spec.schedule().runMissedOnce()).isFalse();
        assertThat(spec.deadLetter()).isEqualTo(new DeadLetter.Topic("rejects"));
        assertThat(spec.group()).isEqualTo("loader");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "sinks:\\n  - type: memory\\n    id: a\\n    topics: [l]\\n    batch: {max-recrds: 5}\\n | sinks[0].batch.max-recrds: unknown key",
            "sinks:\\n  - type: memory\\n    id: a\\n    topics: [l]\\n    batch: {max-records: 0}\\n | sinks[0].batch.max-records: must be >= 1, got 0",
            "sinks:\\n  - type: memory\\n    id: a\\n    topics: [l]\\n    schedule: every hour\\n | sinks[0].schedule: not a Quartz cron expression",
            "sinks:\\n  - type: memory\\n    id: a\\n    topics: [l]\\n    misfire: later\\n | sinks[0].misfire: only applies with schedule:",
            "sinks:\\n  - type: memory\\n    id: a\\n | sinks[0].topics: a list of at least one topic is required",
            "sinks:\\n  - type: oracle\\n    topics: [l]\\n | sinks[0].type: unknown sink type 'oracle' (known: ",
            "sinks:\\n  - type: memory\\n    topics: [l]\\n | sinks[0].id: is required",
            "sinks:\\n  - type: memory\\n    id: a\\n    topics: [l]\\n    colour: red\\n | sinks[0].colour: unknown key",
            "sinks:\\n  - type: memory\\n    id: a\\n    topics: [l]\\n    dead-letter: {table: t, topic: x}\\n | sinks[0].dead-letter: give exactly one of table: or topic:",
            "input: {bootstrap-servers: x}\\nsinks: [] | input.bootstrap-servers: unknown key",
            "input: {standalone: maybe}\\nsinks: [] | input.standalone: must be true or false",
            "sinks: [] | sinks: a list of at least one sink is required",
            "sinks:\\n  - type: memory\\n    id: a\\n    id: b\\n    topics: [l]\\n | not valid YAML at line 4: Duplicate field 'id'",
            "sinks:\\n  - {type: memory, id: a, topics: [l]}\\n  - {type: memory, id: a, topics: [m]}\\n | sinks[1].name: 'a' is used by another sink",
            "sinks:\\n  - {type: memory, id: a, topics: [l]}\\n  - {type: memory, id: b, topics: [l]}\\n | sinks[1].group: another sink of group 'tributary-sink' already reads topic 'l'",
    })
    void errorsNameTheKeyPath(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(expected.strip());
    }
}
