package io.tributary.sink.files;

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
    void parquetIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> SinkRunnerConfig.parse("sinks:\n  - {type: files, topics: [l], path: x, format: parquet}\n",
                io.tributary.sink.runner.SinkFactories.load()))
                .hasMessage("sinks[0].format: parquet is not available yet (jsonl-gzip is)");
    }
}
