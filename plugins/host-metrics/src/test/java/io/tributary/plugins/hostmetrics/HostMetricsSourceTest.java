package io.tributary.plugins.hostmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as the agent runs it: found through META-INF/services, real OSHI, real time. */
class HostMetricsSourceTest {
    @TempDir
    Path dir;

    @Test
    void emitsTaggedSamplesEveryIntervalAndStopsPromptly() throws Exception {
        try (SourceHarness harness = SourceHarness.forType("host-metrics", dir)) {
            harness.start(HostMetricsConfig.defaults().withInterval(Duration.ofSeconds(1)));
            // Two samples: the first comes within a second of the start, the second one second later.
            harness.emitter().awaitEvents(1, Duration.ofSeconds(5));
            List<Event> first = harness.emitter().events();
            harness.emitter().awaitEvents(first.size() + 1, Duration.ofSeconds(5));

            List<Event> events = harness.emitter().events();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.host()).isNotBlank();
                assertThat(e.attributes()).containsKey("metric");
                assertThat(e.fields()).isNotEmpty();
                assertThat(e.timestamp().getNano()).as("aligned to whole seconds").isZero();
            });
            assertThat(events).extracting(e -> e.attributes().get("metric"))
                    .contains("cpu", "load", "memory", "swap");

            long start = System.nanoTime();
            harness.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(harness.source()).isNull();
        }
    }

    @Test
    void theFactoryDescribesItself() {
        HostMetricsSourceFactory factory = new HostMetricsSourceFactory();
        assertThat(factory.type()).isEqualTo("host-metrics");
        assertThat(factory.configType()).isEqualTo(HostMetricsConfig.class);
        assertThat(factory.description()).contains("CPU");
    }
}
