package io.tributary.agent.internal.config;

import java.util.List;

/**
 * A whole agent configuration file, bound and validated (plugin settings are bound later, per
 * source). Sections are null only inside a {@link ConfigLoader.Parsed} that has errors.
 */
public record AgentConfig(AgentSettings agent, OutputConfig output, PipelineConfig pipeline, SpoolConfig spool,
                          CheckpointConfig checkpoint, MetricsConfig metrics, List<SourceEntry> sources) {
    public AgentConfig {
        sources = List.copyOf(sources);
    }
}
