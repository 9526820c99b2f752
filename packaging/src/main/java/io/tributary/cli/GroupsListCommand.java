package io.tributary.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Collection;
import java.util.Comparator;
import java.util.concurrent.Callable;

/** {@code tributary groups list}: group ids, one per line (with {@code --state}: a table). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List consumer groups, one per line.")
public final class GroupsListCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--state", description = "also show each group's type and state")
    boolean showState;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            Collection<GroupListing> groups = ClientErrors.await(admin.listGroups().all(), client, "listing groups");
            var sorted = groups.stream().sorted(Comparator.comparing(GroupListing::groupId)).toList();
            if (showState) {
                TextTable table = new TextTable("GROUP", "TYPE", "STATE");
                sorted.forEach(g -> table.add(g.groupId(),
                        g.type().map(t -> t.toString().toLowerCase()).orElse(g.protocol()),
                        g.groupState().map(Object::toString).orElse(null)));
                table.print(spec.commandLine().getOut());
            } else {
                sorted.forEach(g -> spec.commandLine().getOut().println(g.groupId()));
            }
        }
        return 0;
    }
}
