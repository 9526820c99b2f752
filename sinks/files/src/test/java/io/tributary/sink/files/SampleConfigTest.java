package io.tributary.sink.files;

import io.tributary.sink.runner.SinkFactories;
import io.tributary.sink.runner.SinkRunnerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleConfigTest {
    @Test
    void filesSampleParses() {
        SinkRunnerConfig config = SinkRunnerConfig.load(Path.of("../../config-samples/sink-files.yaml"));
        assertThat(config.sinks().get(0).name()).isEqualTo("files-lake");
        assertThat(config.sinks().get(0).topics()).containsExactly("logs", "metrics");
        assertThat(config.sinks().get(0).batch().maxWaitMs()).isEqualTo(60_000);
    }

    @Test
    void parquetTakesABuiltInMappingOrColumns() {
        SinkRunnerConfig builtIn = SinkRunnerConfig.parse("sinks:\n  - {type: files, topics: [m], path: x, format: parquet, mapping: metric-event}\n",
                SinkFactories.load());
        assertThat(((FilesSinkConfig) builtIn.sinks().get(0).config()).resolvedMapping().columns())
                .extracting(c -> c.name()).containsExactly("ts", "host", "source", "fields");
        SinkRunnerConfig columns = SinkRunnerConfig.parse("sinks:\n  - {type: files, topics: [l], path: x, format: parquet, "
                + "columns: {ts: {path: $.timestamp, type: timestamp}, level: $.attributes.level}}\n", SinkFactories.load());
        assertThat(((FilesSinkConfig) columns.sinks().get(0).config()).resolvedMapping().columns())
                .extracting(c -> c.name() + " " + c.type().configName()).containsExactly("ts timestamp", "level string");
    }

    @Test
    void badFormatAndMappingKeysAreNamed() {
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - {type: files, topics: [l], path: x, format: csv}\n", SinkFactories.load()))
                .hasMessage("sinks[0].format: must be jsonl-gzip or parquet, got 'csv'");
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - {type: files, topics: [l], path: x, mapping: log-event}\n", SinkFactories.load()))
                .hasMessage("sinks[0].mapping: applies to format: parquet only (jsonl-gzip keeps each event whole)");
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - {type: files, topics: [l], path: x, format: parquet, "
                + "columns: {n: {path: $.n, type: number}}}\n", SinkFactories.load()))
                .hasMessageStartingWith("sinks[0].columns.n.type: unknown type 'number'");
    }
}
