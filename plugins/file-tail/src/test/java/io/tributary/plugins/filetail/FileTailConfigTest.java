package io.tributary.plugins.filetail;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import io.tributary.plugin.api.testkit.ConfigDocs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileTailConfigTest {
    private final FileTailFactory factory = new FileTailFactory();

    @Test
    void everyKeyIsDocumented() {
        assertThat(ConfigDocs.undocumented(FileTailConfig.class)).isEmpty();
    }

    @Test
    void missingKeysGetTheDocumentedDefaults() {
        FileTailConfig c = FileTailConfig.of(List.of("/var/log/*.log"));
        assertThat(c.startAt()).isEqualTo(StartAt.BEGINNING);
        assertThat(c.scanInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.fingerprintBytes()).isEqualTo(1024);
        assertThat(c.maxEventBytes()).isEqualTo(DataSize.ofKiB(256));
        assertThat(c.multiline().enabled()).isFalse();
        assertThat(c.watch()).isTrue();
        assertThat(factory.validate(c)).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsKeyPath() {
        FileTailConfig c = new FileTailConfig(List.of("/ok/*.log", "relative/*.log", "/bad/{a,b"), List.of("[unclosed"),
                null, Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(-1), 0, 0, DataSize.ofBytes(0),
                DataSize.ofBytes(10), new FileTailConfig.Multiline("(unclosed", Duration.ZERO), null);
        assertThat(factory.validate(c)).extracting(ConfigError::key).containsExactly(
                "paths[1]", "paths[2]", "exclude[0]", "scan-interval", "poll-interval", "rotate-wait",
                "fingerprint-bytes", "max-open-files", "max-event-bytes", "read-buffer-size",
                "multiline.start-pattern", "multiline.timeout");
        assertThat(factory.validate(c).get(0).reason()).contains("absolute");
        assertThat(factory.validate(c).get(10).reason()).contains("not a valid regular expression");
    }

    @Test
    void pathsAreRequired() {
        assertThat(factory.validate(FileTailConfig.of(List.of()))).singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo("paths"));
    }
}
