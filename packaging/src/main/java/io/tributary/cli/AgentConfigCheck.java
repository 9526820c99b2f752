package io.tributary.cli;

import io.tributary.agent.Agent;
import io.tributary.agent.AgentConfigException;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The agent's config, checked by {@link Agent#check} (plugins and their settings included). */
final class AgentConfigCheck implements ConfigCheck {
    private static final Set<String> AGENT_ONLY_KEYS = Set.of("sources", "output", "spool", "checkpoint", "pipeline");

    @Override
    public String role() {
        return "agent";
    }

    @Override
    public boolean recognizes(Set<String> topLevelKeys) {
        return topLevelKeys.stream().anyMatch(AGENT_ONLY_KEYS::contains);
    }

    @Override
    public String check(Path file) {
        try {
            return Agent.check(file);
        } catch (AgentConfigException e) {
            // Every problem, on the one line check-config prints.
            throw new IllegalArgumentException(e.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
    }
}
