package io.tributary.cli.quickstart;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {
    @ParameterizedTest
    @CsvSource({"500ms,500", "20s,20000", "5m,300000", "1h,3600000", "PT1.5S,1500", " 2S ,2000"})
    void readsShortAndIsoDurations(String text, long millis) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "0s", "-5s", "PT0S", "10 s"})
    void rejectsWhatIsNotAPositiveDuration(String text) {
        assertThatThrownBy(() -> new DurationConverter().convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("'" + text + "'");
    }
}
