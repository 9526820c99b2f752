package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Reads a process's CPU time and resident set size from Linux /proc. */
final class ProcStats {
    /** sysconf(_SC_CLK_TCK); 100 on every mainstream Linux, confirmed by {@code getconf CLK_TCK} when available. */
    static final long CLK_TCK = detectClockTicks();

    private ProcStats() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** utime + stime of the whole process (all threads) in seconds, or NaN when it cannot be read. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Field 2 (comm) may contain spaces and parentheses: parse after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // After comm, f[0] is field 3 (state); utime is field 14, stime field 15.
            long utime = Long.parseLong(f[14 - 3]);
            long stime = Long.parseLong(f[15 - 3]);
            return (utime + stime) / (double) CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** VmRSS in KiB, or -1 when it cannot be read (e.g. the process has exited). */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    private static long detectClockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /** Samples a process's VmRSS periodically on a daemon thread and keeps the peak. */
    static final class RssSampler implements AutoCloseable {
        private final long pid;
        private final long intervalMs;
        private final AtomicLong peakKiB = new AtomicLong(-1);
        private final AtomicLong samples = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        RssSampler(long pid, long intervalMs) {
            this.pid = pid;
            this.intervalMs = intervalMs;
            this.thread = new Thread(this::run, "rss-sampler-" + pid);
            this.thread.setDaemon(true);
            this.thread.start();
        }

        private void run() {
            while (running) {
                sampleOnce();
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sampleOnce() {
            long rss = rssKiB(pid);
            if (rss > 0) {
                peakKiB.accumulateAndGet(rss, Math::max);
                samples.incrementAndGet();
            }
        }

        long peakKiB() {
            return peakKiB.get();
        }

        long samples() {
            return samples.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sampleOnce();
        }
    }
}
