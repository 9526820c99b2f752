package io.tributary.sink.runner;

import io.tributary.sink.api.SinkException;
import io.tributary.sink.runner.internal.ContinuousWorker;
import io.tributary.sink.runner.internal.LoadJob;
import io.tributary.sink.runner.internal.ScheduledSink;
import io.tributary.sink.runner.internal.SinkInstance;
import io.tributary.sink.runner.internal.SinkObserver;
import io.tributary.sink.runner.internal.metrics.SinkMetrics;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs every sink of a {@link SinkRunnerConfig}: continuous sinks each on their own thread, scheduled
 * sinks as Quartz cron jobs (an in-memory scheduler; at most one run per sink at a time). A fatal
 * error of any sink completes {@link #failure()}; the launcher then stops everything and exits 1,
 * leaving restarts to the service manager (every built-in sink resumes exactly where it stopped).
 */
public final class SinkRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);

    private final SinkRunnerConfig config;
    private final List<SinkInstance> instances = new ArrayList<>();
    private final List<ContinuousWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, ScheduledSink> scheduled = new LinkedHashMap<>();
    private final List<LoadReport> reports = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Exception> failure = new CompletableFuture<>();
    private Scheduler scheduler;
    private SinkMetrics metrics;
    private volatile boolean closed;

    private SinkRunner(SinkRunnerConfig config) {
        this.config = config;
    }

    /** Opens every sink (connect, create tables); nothing is read yet. */
    public static SinkRunner open(SinkRunnerConfig config) throws SinkException {
        SinkRunner runner = new SinkRunner(config);
        try {
            SinkObserver observer = SinkObserver.NONE;
            if (config.metricsListen() != null) {
                try {
                    runner.metrics = SinkMetrics.start(config.metricsListen(), config.input(), config.sinks(),
                            () -> !runner.closed && !runner.failure.isDone());
                } catch (java.io.IOException e) {
                    throw new SinkException(e.getMessage(), e);
                }
                observer = runner.metrics;
            }
            SinkObserver observed = observer;
            for (SinkSpec spec : config.sinks()) {
                SinkInstance instance = new SinkInstance(config.input(), spec, observed);
                runner.instances.add(instance);
                runner.scheduled.put(spec.name(), instance.scheduled(config.stateDir(), report -> {
                    runner.reports.add(report);
                    observed.loadRunFinished(report);
                }));
            }
        } catch (SinkException | RuntimeException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /** Starts continuous sinks and the cron schedules (running a missed trigger once where configured). */
    public SinkRunner start() throws SinkException {
        Consumer<Exception> onFailure = failure::complete;
        List<SinkInstance> cron = new ArrayList<>();
        for (SinkInstance instance : instances) {
            if (instance.spec().schedule() == null) {
                ContinuousWorker worker = instance.continuous(onFailure);
                Thread thread = new Thread(worker, "sink-" + instance.spec().name());
                workers.add(worker);
                threads.add(thread);
                thread.start();
                log.info("sink {}: streaming {} into {} (continuous)", instance.spec().name(), instance.spec().topics(), instance.spec().type());
            } else {
                cron.add(instance);
            }
        }
        if (!cron.isEmpty()) {
            startScheduler(cron, onFailure);
        }
        return this;
    }

    private void startScheduler(List<SinkInstance> cron, Consumer<Exception> onFailure) throws SinkException {
        Properties props = new Properties();
        props.setProperty("org.quartz.scheduler.instanceName", "tributary-sink");
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        props.setProperty("org.quartz.threadPool.threadCount", Integer.toString(cron.size()));
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        try {
            scheduler = new StdSchedulerFactory(props).getScheduler();
            Instant now = Instant.now();
            for (SinkInstance instance : cron) {
                SinkSpec spec = instance.spec();
                ScheduledSink sink = scheduled.get(spec.name());
                JobDataMap data = new JobDataMap();
                data.put("sink", sink);
                data.put("onFailure", onFailure);
                JobDetail job = JobBuilder.newJob(LoadJob.class).withIdentity(spec.name()).usingJobData(data).build();
                CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(spec.schedule().expression());
                schedule = spec.schedule().runMissedOnce() ? schedule.withMisfireHandlingInstructionFireAndProceed()
                        : schedule.withMisfireHandlingInstructionDoNothing();
                Trigger trigger = TriggerBuilder.newTrigger().withIdentity(spec.name()).withSchedule(schedule).build();
                scheduler.scheduleJob(job, trigger);
                if (spec.schedule().runMissedOnce() && sink.missedTriggerBefore(now)) {
                    log.info("sink {}: a scheduled run was missed while stopped; running it once now", spec.name());
                    scheduler.triggerJob(job.getKey());
                }
                log.info("sink {}: loading {} into {} on schedule \"{}\", next run {}", spec.name(), spec.topics(),
                        spec.type(), spec.schedule().cron(), trigger.getNextFireTime());
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new SinkException("cannot start the load scheduler: " + e.getMessage(), e);
        }
    }

    /** Runs one load of the named sink now, in this thread (drain to the current end offsets). */
    public LoadReport runOnce(String sinkName) throws SinkException, InterruptedException {
        ScheduledSink sink = scheduled.get(sinkName);
        if (sink == null) {
            throw new IllegalArgumentException("no sink named " + sinkName);
        }
        return sink.runNow(Instant.now());
    }

    /** Names of the configured sinks, in config order. */
    public List<String> sinkNames() {
        return List.copyOf(scheduled.keySet());
    }

    /** Reports of every load run so far (scheduled or {@link #runOnce}). */
    public List<LoadReport> reports() {
        return List.copyOf(reports);
    }

    /** The port serving {@code /metrics} and {@code /health}, or -1 when {@code metrics.listen} is not set. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Completes with the first fatal sink error. */
    public CompletableFuture<Exception> failure() {
        return failure;
    }

    /** Stops schedules (waiting for a running load), stops streams after committing what is pending, closes sinks. */
    @Override
    public void close() {
        closed = true;
        if (scheduler != null) {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                log.warn("load scheduler did not stop cleanly: {}", e.getMessage());
            }
        }
        workers.forEach(ContinuousWorker::stop);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        instances.forEach(SinkInstance::close);
        if (metrics != null) {
            metrics.close();
        }
    }
}
