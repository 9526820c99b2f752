package io.tributary.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** {@code tributary topics create TOPIC [--partitions N] [--config k=v]...}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a topic.")
public final class TopicsCreateCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "topic name")
    String topic;

    @Option(names = {"--partitions", "-p"}, paramLabel = "N", description = "number of partitions (default: the broker's)")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N", description = "replicas per partition (default: the broker's; broker-lite: 1)")
    Short replicationFactor;

    @Option(names = {"--config", "-c"}, paramLabel = "KEY=VALUE",
            description = "topic setting with Kafka's name, e.g. retention.ms=86400000 (repeatable)")
    List<String> configs = new ArrayList<>();

    @Option(names = "--if-not-exists", description = "succeed if the topic already exists")
    boolean ifNotExists;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (partitions != null && partitions < 1) {
            throw CliException.usage("--partitions must be >= 1, got " + partitions);
        }
        Map<String, String> topicConfigs = KeyValueOptions.parse("--config", configs);
        NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
                .configs(topicConfigs);
        try (Admin admin = KafkaClients.admin(client)) {
            admin.createTopics(List.of(newTopic)).all().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException && ifNotExists) {
                return 0;
            }
            if (e.getCause() instanceof TopicExistsException) {
                throw new CliException("topic '" + topic + "' already exists");
            }
            throw ClientErrors.failure(e, client, "creating topic '" + topic + "'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        spec.commandLine().getOut().println("Created topic " + topic + ".");
        return 0;
    }
}
