package io.tributary.bench.sink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** broker-lite as `tributary broker` runs it (the launcher's jar and JVM options), in a child JVM on a free loopback port. */
final class BrokerChild implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final int port;

    private BrokerChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BrokerChild start(String classpath, Path dataDir, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath,
                "io.tributary.cli.Tributary", "broker", "--listen", "127.0.0.1:0", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 java.io.Writer out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line + "\n");
                    out.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("broker exited; see " + log));
        }, "broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new BrokerChild(process, port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("broker-lite did not start: " + e.getMessage() + " (log " + log + ")");
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
