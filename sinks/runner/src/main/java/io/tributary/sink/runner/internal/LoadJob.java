package io.tributary.sink.runner.internal;

import io.tributary.sink.api.SinkException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The Quartz job of one scheduled sink. {@link DisallowConcurrentExecution}: a trigger that fires
 * while the previous run still drains waits for it (and then counts as a misfire, handled per
 * {@code misfire:}); two runs of one sink never overlap.
 */
@DisallowConcurrentExecution
public final class LoadJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(LoadJob.class);
    static final String SINK = "sink";
    static final String ON_FAILURE = "onFailure";

    @Override
    @SuppressWarnings("unchecked")
    public void execute(JobExecutionContext context) throws JobExecutionException {
        ScheduledSink sink = (ScheduledSink) context.getMergedJobDataMap().get(SINK);
        Consumer<Exception> onFailure = (Consumer<Exception>) context.getMergedJobDataMap().get(ON_FAILURE);
        try {
            sink.runNow(context.getScheduledFireTime().toInstant());
        } catch (SinkException | RuntimeException e) {
            log.error("sink {}: load run failed: {}", sink.name(), e.getMessage());
            onFailure.accept(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
