package io.tributary.sink.runner;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkConfig;
import io.tributary.sink.api.SinkFactory;

import java.util.List;

/**
 * One entry of {@code sinks:} after validation: the runner's keys plus the sink's own typed config.
 *
 * @param schedule null for continuous mode
 */
public record SinkSpec(String type, String name, List<String> topics, String group, ScheduleSettings schedule,
                       BatchSettings batch, RetrySettings retry, DeadLetter deadLetter,
                       SinkFactory<SinkConfig> factory, SinkConfig config) {
    public SinkSpec {
        topics = List.copyOf(topics);
    }

    public Sink newSink() {
        return factory.create(config);
    }
}
