package io.tributary.cli.quickstart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AccessLogWriterTest {
    @TempDir
    Path dir;

    private AccessLogWriter writer(Path file, double rate) {
        return new AccessLogWriter(file, rate, new AccessLogLines(new SplittableRandom(1), ZoneId.of("UTC")), Clock.systemUTC());
    }

    @Test
    void writesWholeLinesAtTheRateAndCountsWhatIsInTheFile() throws Exception {
        Path file = dir.resolve("logs/access.log");
        long started = System.nanoTime();
        try (AccessLogWriter w = writer(file, 200).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> w.linesWritten() >= 300);
            w.close();
            double seconds = (System.nanoTime() - started) / 1e9;
            long written = w.linesWritten();
            String text = Files.readString(file);
            assertThat(text).endsWith("\n");
            assertThat(text.lines().count()).isEqualTo(written);
            // Steady: never ahead of the clock, and not far behind it on a busy machine.
            assertThat(written).isLessThanOrEqualTo((long) (seconds * 200) + 1);
            assertThat(written).isGreaterThan((long) (seconds * 200 * 0.5));
        }
    }

    @Test
    void appendsToTheLogOfAnEarlierRun() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier line\n");
        try (AccessLogWriter w = writer(file, 100).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> w.linesWritten() >= 10);
            w.close();
            assertThat(Files.readAllLines(file)).hasSize(1 + (int) w.linesWritten()).first().isEqualTo("earlier line");
        }
    }

    @Test
    void aLineTornByACrashIsEndedBeforeNewLinesFollow() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "whole line\n203.0.113.9 - - [01/Dec/2026:18:4");
        try (AccessLogWriter w = writer(file, 100).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> w.linesWritten() >= 5);
            w.close();
            assertThat(Files.readAllLines(file)).hasSize(2 + (int) w.linesWritten())
                    .startsWith("whole line", "203.0.113.9 - - [01/Dec/2026:18:4")
                    .allSatisfy(line -> assertThat(line).doesNotContain("18:4203"));
        }
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> writer(dir.resolve("a.log"), 0)).hasMessageContaining("must be > 0");
    }
}
