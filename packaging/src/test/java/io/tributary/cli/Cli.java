package io.tributary.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the real {@code tributary} root command in-process with captured stdout/stderr. */
final class Cli {
    private Cli() {
    }

    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        return runWithInput(null, args);
    }

    static Result runWithInput(String stdin, String... args) {
        CommandLine cmd = Tributary.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        if (stdin != null) {
            ((ProduceCommand) cmd.getSubcommands().get("produce").getCommand()).stdin =
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
