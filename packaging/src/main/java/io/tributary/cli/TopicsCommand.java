package io.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary topics}: the topic subcommands. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create, list, describe and delete topics (broker-lite or Apache Kafka).",
        subcommands = {TopicsCreateCommand.class, TopicsListCommand.class, TopicsDescribeCommand.class,
                TopicsDeleteCommand.class})
public final class TopicsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: create, list, describe or delete");
    }
}
