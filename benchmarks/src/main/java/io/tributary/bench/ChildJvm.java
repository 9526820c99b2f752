package io.tributary.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Starting, watching and stopping child JVMs; every child is also stopped by a shutdown hook. */
final class ChildJvm {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : LIVE) {
                p.destroy();
            }
            for (Process p : LIVE) {
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
        }, "child-jvm-reaper"));
    }

    private ChildJvm() {}

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> command(String jvmOpts, String classpath, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(splitOpts(jvmOpts));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    static List<String> splitOpts(String opts) {
        if (opts == null || opts.isBlank()) {
            return List.of();
        }
        return Arrays.asList(opts.trim().split("\\s+"));
    }

    /** Result of a tool run to completion (or killed at its deadline). */
    record ToolRun(int exitCode, boolean timedOut, double wallSeconds, String stdout, Path stdoutFile, Path stderrFile) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }

        String describeFailure() {
            String why = timedOut ? "timed out after " + Fmt.num(wallSeconds, 1) + " s" : "exit code " + exitCode;
            return why + " (see " + stderrFile.getFileName() + ")";
        }
    }

    /** Runs a child JVM to completion with stdout and stderr in files; SIGTERM then SIGKILL at the deadline. */
    static ToolRun runTool(List<String> cmd, Path workDir, Path logDir, String name, Duration timeout)
            throws IOException, InterruptedException {
        Path out = logDir.resolve(name + ".stdout.log");
        Path err = logDir.resolve(name + ".stderr.log");
        Files.writeString(err, "");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        boolean timedOut = false;
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                terminate(p, Duration.ofSeconds(10));
            }
        } finally {
            LIVE.remove(p);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        return new ToolRun(timedOut ? -1 : p.exitValue(), timedOut, wall, stdout, out, err);
    }

    /** A long-running child (a broker): output is copied line by line to a log file and watched. */
    static final class Daemon {
        final Process process;
        final long startNanos;
        final Path logFile;
        private final CompletableFuture<Long> readyLine = new CompletableFuture<>();
        private final Predicate<String> readyPredicate;

        private Daemon(Process process, long startNanos, Path logFile, Predicate<String> readyPredicate) {
            this.process = process;
            this.startNanos = startNanos;
            this.logFile = logFile;
            this.readyPredicate = readyPredicate;
        }

        static Daemon start(List<String> cmd, Path workDir, Path logFile, Predicate<String> readyPredicate)
                throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            long t0 = System.nanoTime();
            Process p = pb.start();
            LIVE.add(p);
            Daemon d = new Daemon(p, t0, logFile, readyPredicate);
            Thread pump = new Thread(d::pump, "log-pump-" + p.pid());
            pump.setDaemon(true);
            pump.start();
            return d;
        }

        private void pump() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter w = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = r.readLine()) != null) {
                    long now = System.nanoTime();
                    w.println(line);
                    if (!readyLine.isDone() && readyPredicate != null && readyPredicate.test(line)) {
                        readyLine.complete(now);
                    }
                }
            } catch (IOException e) {
                // the process went away
            } finally {
                readyLine.completeExceptionally(new IllegalStateException("output closed before the ready line"));
            }
        }

        /** Nano time at which the ready line was printed, or null if not (yet) printed / the process is gone. */
        Long readyLineNanos(long waitMs) throws InterruptedException {
            try {
                return readyLine.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                return null;
            }
        }

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.isAlive();
        }

        /** SIGTERM, wait up to the deadline, then SIGKILL. Returns a short description of how it ended. */
        String stop(Duration deadline) throws InterruptedException {
            try {
                return terminate(process, deadline);
            } finally {
                LIVE.remove(process);
            }
        }

        String tail(int lines) {
            try {
                List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    static String terminate(Process p, Duration deadline) throws InterruptedException {
        if (!p.isAlive()) {
            return "already exited (code " + p.exitValue() + ")";
        }
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM on Unix
        if (p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            return "SIGTERM: exited with code " + p.exitValue() + " after "
                    + Fmt.num((System.nanoTime() - t0) / 1e9, 2) + " s";
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor(10, TimeUnit.SECONDS);
        return "did not exit within " + deadline.toSeconds() + " s of SIGTERM: killed";
    }
}
