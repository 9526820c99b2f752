package io.tributary.sink.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code tributary sink --config FILE} as a real child JVM (this test's class path), for crash tests. */
public final class SinkProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private SinkProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static SinkProcess start(Path config, Path log, String... extraArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.tributary.sink.runner.SinkCommand", "--config", config.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SinkProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no flush; what is committed is all that counts. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (the clean shutdown: pending batches are committed) and wait for the exit. */
    public void terminate() throws InterruptedException, IOException {
        // Not Process.destroy(): it also closes our end of the output pipe.
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sink process did not stop within 60 s after SIGTERM; log: " + log);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sink process still running after " + seconds + " s; log: " + log);
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return java.nio.file.Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
