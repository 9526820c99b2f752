package io.tributary.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code tributary topics list}: one topic name per line, sorted. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List topic names, one per line.")
public final class TopicsListCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            Set<String> names = ClientErrors.await(admin.listTopics(new ListTopicsOptions()).names(), client, "listing topics");
            new TreeSet<>(names).forEach(spec.commandLine().getOut()::println);
        }
        return 0;
    }
}
