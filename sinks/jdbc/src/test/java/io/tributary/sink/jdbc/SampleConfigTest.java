package io.tributary.sink.jdbc;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.mapping.Mapping;
import io.tributary.sink.runner.SinkRunnerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped sample is valid and means what its comments say. */
class SampleConfigTest {
    @Test
    void postgresSampleParses() {
        SinkRunnerConfig config = SinkRunnerConfig.load(Path.of("../../config-samples/sink-postgres.yaml"));
        assertThat(config.sinks()).extracting(s -> s.name()).containsExactly("access_log", "host_metrics");
        assertThat(config.sinks().get(0).schedule().cron()).isEqualTo("0 5 * * * ?");
        assertThat(config.sinks().get(0).deadLetter()).isEqualTo(new DeadLetter.Table("access_log_rejects"));
        assertThat(config.sinks().get(1).schedule()).isNull();
        assertThat(((PostgresSinkFactory.Config) config.sinks().get(1).config()).jdbc().resolvedMapping()).isEqualTo(Mapping.METRIC_EVENT);
    }
}
