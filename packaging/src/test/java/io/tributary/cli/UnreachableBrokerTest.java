package io.tributary.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every broker-facing command against a port nobody listens on: exit 1 after {@code --timeout},
 * one line on stderr naming the address, no stack trace, nothing on stdout.
 */
class UnreachableBrokerTest {
    static String deadAddress;

    @BeforeAll
    static void findAClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            deadAddress = "127.0.0.1:" + socket.getLocalPort();
        }
    }

    static Stream<List<String>> commands() {
        return Stream.of(
                List.of("topics", "list"),
                List.of("topics", "create", "t"),
                List.of("topics", "describe", "t"),
                List.of("topics", "delete", "t"),
                List.of("groups", "list"),
                List.of("groups", "describe", "g"),
                List.of("produce", "t"),
                List.of("consume", "t"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void failsWithOneLineNamingTheAddress(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--bootstrap-server", deadAddress, "--timeout", "1"));
        long t0 = System.nanoTime();
        Cli.Result result = Cli.runWithInput("a record\n", args.toArray(String[]::new));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("tributary " + command.get(0) + (command.get(0).equals("topics")
                || command.get(0).equals("groups") ? " " + command.get(1) : "") + ": cannot reach a broker at " + deadAddress);
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
        assertThat(result.out()).isEmpty();
        assertThat(seconds).isLessThan(10);
    }

    @Test
    void aRealProcessPrintsOneLineAndNoClientLogs() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Tributary.class.getName(), "topics", "list", "--bootstrap-server", deadAddress, "--timeout", "1")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).startsWith("tributary topics list: cannot reach a broker at " + deadAddress)
                .doesNotContain("Exception", "\tat ", "WARN");
    }
}
