package io.tributary.sink.runner.internal;

import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkContext;
import io.tributary.sink.api.SinkException;
import io.tributary.sink.runner.InputSettings;
import io.tributary.sink.runner.LoadReport;
import io.tributary.sink.runner.SinkSpec;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One configured sink, opened: its {@link Sink}, its dead-letter topic producer (if any), and the
 * worker that drives it (continuous or scheduled). The sink is used by one thread at a time:
 * the continuous worker's, or the Quartz thread of the current load run.
 */
public final class SinkInstance implements AutoCloseable {
    private final InputSettings input;
    private final SinkSpec spec;
    private final Sink sink;
    private final DeadLetterTopic deadLetterTopic;
    private final BatchCommitter committer;

    public SinkInstance(InputSettings input, SinkSpec spec) throws SinkException {
        this(input, spec, SinkObserver.NONE);
    }

    /** @param observer told about every committed batch (the metrics endpoint) */
    public SinkInstance(InputSettings input, SinkSpec spec, SinkObserver observer) throws SinkException {
        this.input = input;
        this.spec = spec;
        this.sink = spec.newSink();
        this.deadLetterTopic = spec.deadLetter() instanceof DeadLetter.Topic topic
                ? new DeadLetterTopic(topic.name(), input.bootstrapServers(), "tributary-sink-" + spec.name() + "-dead-letters")
                : null;
        this.committer = new BatchCommitter(spec.name(), sink, spec.retry(), spec.deadLetter(), deadLetterTopic, observer);
        try {
            sink.open(new SinkContext(spec.name(), spec.group(), spec.deadLetter()));
        } catch (SinkException | RuntimeException e) {
            sink.close();
            throw e;
        }
        if (input.standalone() && !sink.storesOffsets()) {
            sink.close();
            throw new SinkException("input.standalone: sink " + spec.name() + " (" + spec.type()
                    + ") keeps no offsets of its own, so it needs a consumer group (standalone: false)");
        }
    }

    public SinkSpec spec() {
        return spec;
    }

    private SinkConsumer newConsumer() {
        int maxPoll = Math.min(spec.batch().maxRecords(), 10_000);
        return new SinkConsumer(input, spec, sink, committer, maxPoll);
    }

    public ContinuousWorker continuous(Consumer<Exception> onFailure) {
        return new ContinuousWorker(spec.name(), newConsumer(), onFailure);
    }

    public ScheduledSink scheduled(Path stateDir, Consumer<LoadReport> reports) {
        return new ScheduledSink(spec.name(), spec.schedule() == null ? null : spec.schedule().expression(),
                stateDir, this::newConsumer, reports);
    }

    @Override
    public void close() {
        sink.close();
        if (deadLetterTopic != null) {
            deadLetterTopic.close();
        }
    }
}
