package io.tributary.cli;

import io.tributary.sink.runner.SinkRunnerConfig;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The sink runner's config, checked by {@link SinkRunnerConfig#load} (each sink's own settings included). */
final class SinkConfigCheck implements ConfigCheck {
    private static final Set<String> SINK_ONLY_KEYS = Set.of("sinks", "input", "state-dir");

    @Override
    public String role() {
        return "sink";
    }

    @Override
    public boolean recognizes(Set<String> topLevelKeys) {
        return topLevelKeys.stream().anyMatch(SINK_ONLY_KEYS::contains);
    }

    @Override
    public String check(Path file) {
        SinkRunnerConfig config = SinkRunnerConfig.load(file);
        return config.sinks().size() + " sink(s): " + config.sinks().stream()
                .map(s -> s.name() + " (" + s.type() + " <- " + String.join(",", s.topics()) + ")")
                .collect(Collectors.joining(", "));
    }
}
