package io.tributary.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** {@code tributary topics delete TOPIC...}: deletes each topic and its data. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete topics and their data.")
public final class TopicsDeleteCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "topic(s) to delete")
    List<String> topics;

    @Option(names = "--if-exists", description = "succeed if a topic does not exist")
    boolean ifExists;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            var results = admin.deleteTopics(topics).topicNameValues();
            for (String topic : topics) {
                try {
                    results.get(topic).get();
                    spec.commandLine().getOut().println("Deleted topic " + topic + ".");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw ClientErrors.failure(e, client, "deleting topic '" + topic + "'");
                    }
                    if (!ifExists) {
                        throw new CliException("topic '" + topic + "' does not exist");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
        }
        return 0;
    }
}
