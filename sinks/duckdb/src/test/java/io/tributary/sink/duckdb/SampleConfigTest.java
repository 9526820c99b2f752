package io.tributary.sink.duckdb;

import io.tributary.sink.runner.SinkRunnerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped sample is valid. */
class SampleConfigTest {
    @Test
    void duckdbSampleParses() {
        SinkRunnerConfig config = SinkRunnerConfig.load(Path.of("../../config-samples/sink-duckdb.yaml"));
        assertThat(config.sinks()).extracting(s -> s.name() + ":" + s.type()).containsExactly("logs:duckdb", "metrics:duckdb");
        assertThat(config.input().group()).isEqualTo("duckdb-loader");
    }
}
