package io.tributary.plugins.hostmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
            // Wait for two sample times: once the second one shows, the first sample is complete.
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> harness.emitter().events().stream().map(Event::timestamp).distinct().count() >= 2);
            List<Event> events = harness.emitter().events();
            Instant first = events.get(0).timestamp();
            List<Event> firstSample = events.stream().filter(e -> e.timestamp().equals(first)).toList();
            Instant second = events.get(firstSample.size()).timestamp();

            assertThat(events).allSatisfy(e -> {
                assertThat(e.host()).isNotBlank();
                assertThat(e.attributes()).containsKey("metric");
                assertThat(e.fields()).isNotEmpty();
                assertThat(e.timestamp().getNano()).as("aligned to whole seconds").isZero();
            });
            assertThat(firstSample).extracting(e -> e.attributes().get("metric"))
                    .as("the first sample already has CPU rates")
                    .contains("cpu", "load", "memory", "swap");
            // One interval apart, or a whole number of them if a sample overran on a busy machine (times are skipped).
            long apartMs = Duration.between(first, second).toMillis();
            assertThat(apartMs).isPositive();
            assertThat(apartMs % 1000).as("%d ms apart: whole intervals", apartMs).isZero();

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
