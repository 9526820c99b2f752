package io.tributary.cli;

import io.tributary.agent.AgentCommand;
import io.tributary.agent.PluginsCommand;
import io.tributary.broker.BrokerCommand;
import io.tributary.broker.internal.StartupWarmup;
import io.tributary.sink.runner.SinkCommand;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tributary} launcher: one root command, one subcommand per role or tool.
 * Exit codes: 0 ok, 1 failed, 2 bad usage.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
        description = "Moves log and metric data from production hosts into data warehouses over the Kafka protocol.",
        subcommands = {BrokerCommand.class, AgentCommand.class, PluginsCommand.class,
                TopicsCommand.class, GroupsCommand.class, ProduceCommand.class, ConsumeCommand.class,
                CheckConfigCommand.class, SinkCommand.class, QuickstartCommand.class})
public final class Tributary implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    public static void main(String[] args) {
        ConsoleLogConfigurator.chooseMode(args);
        if (args.length > 0 && args[0].equals("broker")) {
            StartupWarmup.start();
        }
        System.exit(execute(args));
    }

    /**
     * Runs {@code args}. A long-running role ({@code agent}, {@code broker}, {@code sink}) gets a
     * command line of its own command only, named {@code tributary <role>} as before: the root's
     * model of every other command would stay on the heap for the life of the process (an idle
     * agent is 1.2 MiB smaller without it). Everything else goes through the root command.
     */
    static int execute(String[] args) {
        CommandLine role = args.length > 0 ? roleCommandLine(args[0]) : null;
        return role != null ? role.execute(Arrays.copyOfRange(args, 1, args.length)) : commandLine().execute(args);
    }

    /** The command line of one long-running role, or null if {@code name} is not one. */
    static CommandLine roleCommandLine(String name) {
        Object command = switch (name) {
            case "agent" -> new AgentCommand();
            case "broker" -> new BrokerCommand();
            case "sink" -> new SinkCommand();
            default -> null;
        };
        return command == null ? null : CliErrorHandlers.install(new CommandLine(command).setCommandName("tributary " + name));
    }

    /** The root command with every subcommand; failures print one line and map to exit codes 1/2. */
    public static CommandLine commandLine() {
        return CliErrorHandlers.install(new CommandLine(new Tributary()));
    }
}
