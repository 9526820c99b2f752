package io.tributary.bench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentBenchmarkYamlTest {
    private static final String CONFIG = """
            agent:
              host: bench-host
            output:
              bootstrap.servers: 127.0.0.1:9092
            sources:
              - type: file-tail
            """;

    @Test
    void anOutputLineIsMergedIntoTheOutputSectionAndTheRestAppended() {
        String merged = AgentBenchmark.withExtraYaml(CONFIG, "output: {batch-size: 1MiB, linger: 5ms}\npipeline: {max-events: 9000}");
        assertThat(merged).isEqualTo("""
                agent:
                  host: bench-host
                output:
                  bootstrap.servers: 127.0.0.1:9092
                  batch-size: 1MiB
                  linger: 5ms
                sources:
                  - type: file-tail
                pipeline: {max-events: 9000}
                """);
    }
}
