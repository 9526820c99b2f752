package io.tributary.broker;

import org.awaitility.Awaitility;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** broker-lite as a separate JVM, so a test can kill -9 it. */
final class BrokerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile int port = -1;

    private BrokerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::pump, "broker-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static BrokerProcess start(Path dataDir, String... extraArgs) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(), "--listen", "127.0.0.1:0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        BrokerProcess broker = new BrokerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        Awaitility.await("broker process ready").atMost(Duration.ofSeconds(30))
                .until(() -> broker.port > 0 || !broker.process.isAlive());
        if (broker.port < 0) {
            throw new IllegalStateException("broker process exited: " + broker.output);
        }
        return broker;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    List<String> output() {
        return output;
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the broker's clean shutdown. Returns the exit code once all its output is read. */
    int terminate() throws InterruptedException, IOException {
        // Not Process.destroy(): it also closes our end of the output pipe, losing the shutdown log.
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        int code = process.waitFor();
        reader.join(10_000);
        return code;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
