package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    record Line(String text, long start, long end, boolean truncated) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final LineSink sink = (buf, off, len, start, end, truncated) ->
            lines.add(new Line(new String(buf, off, len, StandardCharsets.UTF_8), start, end, truncated));

    private static void feedInChunks(LineSplitter s, byte[] data, int chunk, long base, LineSink sink) throws Exception {
        for (int i = 0; i < data.length; i += chunk) {
            int n = Math.min(chunk, data.length - i);
            // A fresh array per chunk, like a reused read buffer whose old content must not leak.
            byte[] buf = Arrays.copyOfRange(data, i, i + n);
            s.feed(buf, 0, n, base + i, sink);
        }
    }

    @Test
    void cutsLinesWithOffsetsWhateverTheChunkSize() throws Exception {
        byte[] data = "alpha\nbeta\n\ngamma delta\n".getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= data.length; chunk++) {
            lines.clear();
            LineSplitter s = new LineSplitter(1000, 100);
            feedInChunks(s, data, chunk, 100, sink);
            assertThat(lines).as("chunk size " + chunk).containsExactly(
                    new Line("alpha", 100, 106, false), new Line("beta", 106, 111, false),
                    new Line("", 111, 112, false), new Line("gamma delta", 112, 124, false));
            assertThat(s.lineStart()).isEqualTo(124);
            assertThat(s.hasPartialLine()).isFalse();
        }
    }

    @Test
    void holdsAnUnfinishedLineUntilItsNewlineOrAFlush() throws Exception {
        LineSplitter s = new LineSplitter(1000, 0);
        feedInChunks(s, "one\ntw".getBytes(StandardCharsets.UTF_8), 64, 0, sink);
        assertThat(lines).extracting(Line::text).containsExactly("one");
        assertThat(s.lineStart()).isEqualTo(4);
        assertThat(s.hasPartialLine()).isTrue();

        s.flushPartialLine(6, sink);
        assertThat(lines).last().isEqualTo(new Line("tw", 4, 6, false));
        assertThat(s.lineStart()).isEqualTo(6);
    }

    @Test
    void keepsTheFirstMaxBytesOfALongLineAndSkipsTheRestWithoutBufferingIt() throws Exception {
        byte[] longLine = new byte[1_000_000];
        Arrays.fill(longLine, (byte) 'x');
        byte[] data = concat(longLine, "\nnext\n".getBytes(StandardCharsets.UTF_8));
        for (int chunk : new int[] {7, 4096, data.length}) {
            lines.clear();
            LineSplitter s = new LineSplitter(100, 0);
            feedInChunks(s, data, chunk, 0, sink);
            assertThat(lines).as("chunk " + chunk).hasSize(2);
            assertThat(lines.get(0).text()).isEqualTo("x".repeat(100));
            assertThat(lines.get(0).truncated()).isTrue();
            assertThat(lines.get(0).end()).isEqualTo(1_000_001);
            assertThat(lines.get(1)).isEqualTo(new Line("next", 1_000_001, 1_000_006, false));
        }
    }

    @Test
    void aLineOfExactlyTheMaximumIsNotTruncated() throws Exception {
        LineSplitter s = new LineSplitter(5, 0);
        feedInChunks(s, "12345\n123456\n".getBytes(StandardCharsets.UTF_8), 3, 0, sink);
        assertThat(lines).containsExactly(new Line("12345", 0, 6, false), new Line("12345", 6, 13, true));
    }

    @Test
    void aCutNeverSplitsAMultiByteCharacter() throws Exception {
        // "aé€" = 61 | C3 A9 | E2 82 AC: a cut at 2, 3 or 5 bytes falls inside a character.
        byte[] line = "aé€€\n".getBytes(StandardCharsets.UTF_8);
        int[][] expectKept = {{1, 1}, {2, 1}, {3, 3}, {4, 3}, {5, 3}, {6, 6}};
        for (int[] e : expectKept) {
            for (int chunk : new int[] {1, 64}) {
                lines.clear();
                LineSplitter s = new LineSplitter(e[0], 0);
                feedInChunks(s, line, chunk, 0, sink);
                assertThat(lines.get(0).text().getBytes(StandardCharsets.UTF_8))
                        .as("max %d chunk %d", e[0], chunk).hasSize(e[1]);
                assertThat(lines.get(0).text()).doesNotContain("\uFFFD");
            }
        }
    }

    @Test
    void resetForgetsThePartialLine() throws Exception {
        LineSplitter s = new LineSplitter(100, 0);
        feedInChunks(s, "abc".getBytes(StandardCharsets.UTF_8), 64, 0, sink);
        s.reset(0);
        feedInChunks(s, "xy\n".getBytes(StandardCharsets.UTF_8), 64, 0, sink);
        assertThat(lines).containsExactly(new Line("xy", 0, 3, false));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
