package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MultilineAssemblerTest {
    record Ev(String body, long start, long end, boolean truncated) {
    }

    private final List<Ev> events = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final Pattern dated = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");

    private MultilineAssembler assembler(int max) {
        return new MultilineAssembler(dated, max, 1_000, now::get,
                (body, start, end, truncated) -> events.add(new Ev(body, start, end, truncated)));
    }

    private static void feed(LineSplitter s, MultilineAssembler a, String text, long at) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.feed(b, 0, b.length, at, a);
    }

    @Test
    void joinsAStackTraceIntoOneEventAndEndsItAtTheNextStartLine() throws Exception {
        MultilineAssembler a = assembler(10_000);
        LineSplitter s = new LineSplitter(10_000, 0);
        String trace = "2026-12-01 ERROR boom\n"
                + "java.lang.IllegalStateException: x\n"
                + "\tat a.B.c(B.java:1)\n"
                + "\tat a.B.d(B.java:2)\n";
        String next = "2026-12-01 INFO fine\n";
        feed(s, a, trace + next, 0);
        assertThat(events).containsExactly(new Ev(trace.stripTrailing(), 0, trace.length(), false));
        assertThat(a.holding()).isTrue();
        assertThat(a.heldStartOffset()).isEqualTo(trace.length());

        a.flush();
        assertThat(events).last().isEqualTo(new Ev("2026-12-01 INFO fine", trace.length(), trace.length() + next.length(), false));
    }

    @Test
    void sendsAHeldEventAfterTheTimeoutWithoutNewLines() throws Exception {
        MultilineAssembler a = assembler(10_000);
        LineSplitter s = new LineSplitter(10_000, 0);
        feed(s, a, "2026-12-01 one\n  more\n", 0);
        a.flushIfIdle(999);
        assertThat(events).isEmpty();
        a.flushIfIdle(1_000);
        assertThat(events).containsExactly(new Ev("2026-12-01 one\n  more", 0, 22, false));
    }

    @Test
    void linesBeforeTheFirstStartLineAreNotLost() throws Exception {
        MultilineAssembler a = assembler(10_000);
        LineSplitter s = new LineSplitter(10_000, 0);
        feed(s, a, "orphan 1\norphan 2\n2026-12-01 first\n", 0);
        a.flush();
        assertThat(events).extracting(Ev::body).containsExactly("orphan 1\norphan 2", "2026-12-01 first");
    }

    @Test
    void capsAnEventAtMaxBytesFlagsItAndStillCoversTheDroppedLines() throws Exception {
        MultilineAssembler a = assembler(30);
        LineSplitter s = new LineSplitter(30, 0);
        String text = "2026-12-01 start\n" + "  continuation one\n" + "  two\n" + "2026-12-02 next\n";
        feed(s, a, text, 0);
        Ev first = events.get(0);
        assertThat(first.truncated()).isTrue();
        assertThat(first.body()).startsWith("2026-12-01 start\n  continuati");
        assertThat(first.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(30);
        assertThat(first.end()).isEqualTo(text.indexOf("2026-12-02"));
    }
}
