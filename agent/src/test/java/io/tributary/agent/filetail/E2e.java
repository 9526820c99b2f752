package io.tributary.agent.filetail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;

/** Files, lines and agent configs for the file-tail end-to-end tests. */
final class E2e {
    private E2e() {
    }

    /** An agent config with one file-tail source and fast timings (tests take seconds, not minutes). */
    static String agentYaml(String bootstrap, Path dataDir, String topic, String pathGlob, String extraSourceKeys) {
        return """
                agent:
                  host: e2e-host
                  data-dir: %s
                  shutdown-timeout: 2s
                checkpoint:
                  interval: 50ms
                pipeline:
                  max-events: 5000
                output:
                  bootstrap.servers: %s
                  linger: 5ms
                sources:
                  - type: file-tail
                    id: logs
                    topic: %s
                    paths: ['%s']
                    scan-interval: 50ms
                    poll-interval: 10ms
                %s%s""".formatted(dataDir, bootstrap, topic, pathGlob,
                // A key given twice is a config error: the default rotate-wait only where the test sets none.
                extraSourceKeys != null && extraSourceKeys.contains("rotate-wait:") ? "" : "    rotate-wait: 2s\n",
                indent(extraSourceKeys));
    }

    private static String indent(String keys) {
        if (keys == null || keys.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : keys.split("\n")) {
            b.append("    ").append(line).append('\n');
        }
        return b.toString();
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Lines {@code <prefix><i>} for i in [from, to), each with its newline. */
    static String lines(String prefix, int from, int to) {
        StringBuilder b = new StringBuilder();
        IntStream.range(from, to).forEach(i -> b.append(prefix).append(i).append('\n'));
        return b.toString();
    }

    static List<String> names(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    /** Targets of this JVM's open file descriptors ("... (deleted)" for deleted files). */
    static List<String> openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).toList();
        }
    }
}
