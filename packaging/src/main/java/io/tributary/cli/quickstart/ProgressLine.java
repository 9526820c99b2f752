package io.tributary.cli.quickstart;

import java.io.PrintWriter;
import java.util.function.ToLongFunction;

/**
 * Prints {@link Progress}: on a terminal one line rewritten in place ({@code \r}), otherwise a
 * plain line each time (for logs and pipes). Rates are per second since the previous print.
 * Not thread-safe (the progress thread owns it).
 */
public final class ProgressLine {
    private final PrintWriter out;
    private final boolean terminal;
    private Progress previous;
    private int lastWidth;

    public ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void print(Progress now) {
        String line = format(now, previous);
        previous = now;
        if (terminal) {
            // Pad over the rest of a longer previous line instead of relying on terminal escapes.
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the rewritten line so what follows starts on a line of its own. */
    public void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
            out.flush();
        }
    }

    static String format(Progress now, Progress before) {
        long seconds = now.elapsed().toSeconds();
        StringBuilder line = new StringBuilder(String.format("%3d:%02d", seconds / 60, seconds % 60));
        line.append("  log lines ").append(now.linesWritten());
        line.append("  tailed ").append(now.eventsTailed()).append(rate(now, before, Progress::eventsTailed));
        line.append("  shipped ").append(now.eventsShipped()).append(rate(now, before, Progress::eventsShipped));
        line.append("  broker lag ").append(now.brokerLag() < 0 ? "?" : Long.toString(now.brokerLag()));
        line.append("  loaded ").append(now.rowsLoaded()).append(" rows in ").append(now.loadRuns())
                .append(now.loadRuns() == 1 ? " run" : " runs");
        if (!now.brokerReachable()) {
            line.append("  (broker unreachable)");
        }
        return line.toString();
    }

    private static String rate(Progress now, Progress before, ToLongFunction<Progress> counter) {
        if (before == null) {
            return "";
        }
        double seconds = (now.elapsed().toNanos() - before.elapsed().toNanos()) / 1e9;
        if (seconds <= 0) {
            return "";
        }
        return String.format(" (%.0f/s)", (counter.applyAsLong(now) - counter.applyAsLong(before)) / seconds);
    }
}
