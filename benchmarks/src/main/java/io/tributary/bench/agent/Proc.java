package io.tributary.bench.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and memory from Linux {@code /proc} (the agent benchmark's own copy: it lives in its own package). */
final class Proc {
    /** sysconf(_SC_CLK_TCK); 100 on every mainstream Linux. */
    private static final double CLK_TCK = 100.0;

    private Proc() {
    }

    /**
     * utime + stime of all threads, plus cutime + cstime of children it has waited for (a shell
     * wrapping a native tool), in seconds; NaN once the process is gone.
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(f[field - 3]);
            }
            return ticks / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident set size now, MiB. */
    static double rssMiB(long pid) {
        return statusKiB(pid, "VmRSS:") / 1024.0;
    }

    /** Peak resident set size since the start (the kernel's high-water mark), MiB. */
    static double peakRssMiB(long pid) {
        return statusKiB(pid, "VmHWM:") / 1024.0;
    }

    private static long statusKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }
}
