package io.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary groups}: the consumer group subcommands. */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "List consumer groups and show their offsets and lag (broker-lite or Apache Kafka).",
        subcommands = {GroupsListCommand.class, GroupsDescribeCommand.class})
public final class GroupsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list or describe");
    }
}
