package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The long-running roles start through a command line of their own command: users must not see a difference. */
class RoleCommandLineTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "broker", "sink"})
    void helpAndBadUsageReadAsThroughTheRootCommand(String role) {
        Run viaRoot = run(Tributary.commandLine(), role, "--help");
        Run alone = run(Tributary.roleCommandLine(role), "--help");
        assertThat(alone.code()).isZero();
        assertThat(alone.out()).startsWith("Usage: tributary " + role + " ").isEqualTo(viaRoot.out());

        Run badViaRoot = run(Tributary.commandLine(), role, "--no-such-option");
        Run badAlone = run(Tributary.roleCommandLine(role), "--no-such-option");
        assertThat(badAlone.code()).isEqualTo(2).isEqualTo(badViaRoot.code());
        assertThat(badAlone.err()).startsWith("tributary " + role + ": ").isEqualTo(badViaRoot.err());
    }

    @Test
    void anAgentWithoutAConfigIsTheSameUsageErrorAsBefore() {
        Run alone = run(Tributary.roleCommandLine("agent"));
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo(run(Tributary.commandLine(), "agent").err())
                .contains("tributary agent: Missing required option: '--config=FILE'");
    }

    @Test
    void toolsAndUnknownNamesGoThroughTheRootCommand() {
        assertThat(Tributary.roleCommandLine("topics")).isNull();
        assertThat(Tributary.roleCommandLine("quickstart")).isNull();
        assertThat(Tributary.roleCommandLine("agentx")).isNull();
    }
}
