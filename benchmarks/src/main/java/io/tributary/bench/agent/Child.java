package io.tributary.bench.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A child process with its output in a log file; every child is killed by a shutdown hook if still running. */
final class Child {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "child-reaper"));
    }

    final Process process;
    final Path log;
    final long startNanos;

    private Child(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    static Child start(List<String> command, Path log) throws IOException {
        return start(command, log, Map.of());
    }

    /** {@code env}: variables set for the child on top of this process's environment (e.g. the launcher's MALLOC_ARENA_MAX). */
    static Child start(List<String> command, Path log, Map<String, String> env) throws IOException {
        StringBuilder shown = new StringBuilder();
        env.forEach((k, v) -> shown.append(k).append('=').append(v).append(' '));
        Files.writeString(log.resolveSibling(log.getFileName() + ".command.txt"), shown + String.join(" ", command) + "\n");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        return new Child(p, log, t0);
    }

    static List<String> java(String jvmOpts, String classpath, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmOpts.isBlank()) {
            cmd.addAll(List.of(jvmOpts.trim().split("\\s+")));
        }
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(List.of(args));
        return cmd;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the log has a line matching {@code ready}; throws with the log tail if the process dies or time runs out. */
    void awaitLogLine(Pattern ready, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && ready.matcher(Files.readString(log)).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(log.getFileName() + ": exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(log.getFileName() + ": no line /" + ready + "/ within " + timeoutMs + " ms:\n" + tail());
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        LIVE.remove(process);
    }

    /** Waits for the process to exit on its own. */
    int await(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            LIVE.remove(process);
            throw new IllegalStateException(log.getFileName() + ": did not finish within " + timeoutMs + " ms:\n" + tail());
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
