package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void defaultsMatchKafka() {
        LogConfig c = LogConfig.defaults();
        assertThat(c.segmentBytes()).isEqualTo(1024 * 1024 * 1024);
        assertThat(c.segmentMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(c.retentionMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(c.retentionBytes()).isEqualTo(-1L);
        assertThat(c.flushMessages()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.flushMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.indexIntervalBytes()).isEqualTo(4096);
        assertThat(c.maxMessageBytes()).isEqualTo(1048588);
        assertThat(c.fileDeleteDelayMs()).isEqualTo(60000L);
    }

    @Test
    void overridesApplyKafkaKeys() {
        LogConfig c = LogConfig.defaults().withOverrides(Map.of(
                "segment.bytes", "1024", "segment.ms", "100", "retention.ms", "-1", "retention.bytes", "5000",
                "flush.messages", "3", "flush.ms", "1000", "index.interval.bytes", "0", "max.message.bytes", "2000",
                "file.delete.delay.ms", "0"));
        assertThat(c).isEqualTo(new LogConfig(1024, 100, -1, 5000, 3, 1000, 0, 2000, 0));
    }

    @Test
    void toKafkaConfigsRoundTrips() {
        LogConfig c = LogConfig.defaults().withOverrides(Map.of("retention.bytes", "77"));
        Map<String, String> configs = c.toKafkaConfigs();
        assertThat(configs.keySet()).isEqualTo(LogConfig.supportedKeys());
        assertThat(configs).containsEntry("retention.bytes", "77").containsEntry("segment.bytes", "1073741824");
        assertThat(LogConfig.defaults().withOverrides(configs)).isEqualTo(c);
    }

    @Test
    void unknownKeyIsRejected() {
        assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("cleanup.policy", "compact")))
                .isExactlyInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cleanup.policy");
    }

    @Test
    void badValuesAreRejectedNamingKeyAndReason() {
        assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("segment.ms", "soon")))
                .isExactlyInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("segment.ms").hasMessageContaining("not a valid long");
        assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("retention.bytes", "-2")))
                .isExactlyInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("retention.bytes").hasMessageContaining("at least -1");
        assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("segment.bytes", "99999999999")))
                .isExactlyInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("segment.bytes").hasMessageContaining("32-bit");
        assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("flush.messages", "0")))
                .isExactlyInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("flush.messages");
    }
}
