package io.tributary.cli.quickstart;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {
    private static Progress at(int seconds, long lines, long shipped, long lag, long rows, int runs, boolean reachable) {
        return new Progress(Duration.ofSeconds(seconds), lines, lines - 2, shipped, lag, rows, runs, reachable);
    }

    @Test
    void aTerminalGetsOneLineRewrittenInPlace() {
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text), true);
        line.print(at(1, 50, 40, 40, 0, 0, true));
        line.print(at(2, 100, 95, 5, 90, 1, true));
        line.finish();
        String[] frames = text.toString().split("\r");
        assertThat(frames).hasSize(3);
        assertThat(frames[1]).isEqualTo("  0:01  log lines 50  tailed 48  shipped 40  broker lag 40  loaded 0 rows in 0 runs");
        assertThat(frames[2]).startsWith("  0:02  log lines 100  tailed 98 (50/s)  shipped 95 (55/s)  broker lag 5  loaded 90 rows in 1 run")
                .endsWith(System.lineSeparator());
        // Padded to cover the longer line before it.
        assertThat(frames[2].stripTrailing().length()).isLessThanOrEqualTo(frames[2].length());
        assertThat(text.toString()).doesNotContain("\n\r");
    }

    @Test
    void elsewherePlainLinesSayWhenTheBrokerIsUnreachableOrLagUnknown() {
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text), false);
        line.print(at(65, 3_000, 2_900, -1, 2_000, 7, false));
        line.finish();
        assertThat(text.toString()).isEqualTo("  1:05  log lines 3000  tailed 2998  shipped 2900  broker lag ?  loaded 2000 rows in 7 runs"
                + "  (broker unreachable)" + System.lineSeparator());
    }
}
