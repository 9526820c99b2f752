package io.tributary.plugins.hostmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.testkit.ConfigDocs;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostMetricsConfigTest {
    private final HostMetricsSourceFactory factory = new HostMetricsSourceFactory();

    @Test
    void defaultsAreWhatTheReadmeSays() {
        HostMetricsConfig c = HostMetricsConfig.defaults();
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.metrics()).containsExactly(MetricGroup.values());
        assertThat(c.perCpu()).isTrue();
        assertThat(c.excludeInterfaces()).containsExactly("lo");
        assertThat(c.excludeFsTypes()).contains("tmpfs", "devtmpfs", "overlay", "squashfs", "proc", "sysfs");
        assertThat(c.rescanEvery()).isEqualTo(6);
        assertThat(c.provider()).isEqualTo(OshiProvider.AUTO);
        assertThat(factory.validate(c)).isEmpty();
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(ConfigDocs.undocumented(HostMetricsConfig.class)).isEmpty();
    }

    @Test
    void errorsNameTheKeyAndTheReason() {
        HostMetricsConfig bad = new HostMetricsConfig(Duration.ofMillis(500), List.of(), null, null,
                Arrays.asList("sda", " "), null, null, null, null, null, Arrays.asList((String) null), 0, null);
        List<ConfigError> errors = factory.validate(bad);
        assertThat(errors).extracting(ConfigError::key)
                .containsExactlyInAnyOrder("interval", "metrics", "rescan-every", "exclude-disks[1]",
                        "exclude-interfaces[0]");
        assertThat(errors).filteredOn(e -> e.key().equals("interval")).singleElement()
                .extracting(ConfigError::reason).asString().contains("at least 1s").contains("PT0.5S");
        assertThat(errors).filteredOn(e -> e.key().equals("metrics")).singleElement()
                .extracting(ConfigError::reason).asString().contains("cpu, load, memory");
    }

    @Test
    void anExplicitExcludeListReplacesTheDefault() {
        HostMetricsConfig c = new HostMetricsConfig(null, null, null, null, null, null, null, null, List.of("nfs"),
                null, List.of(), null, null);
        assertThat(c.excludeFsTypes()).containsExactly("nfs");
        assertThat(c.excludeInterfaces()).isEmpty();
    }
}
