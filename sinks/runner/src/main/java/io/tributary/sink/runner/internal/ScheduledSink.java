package io.tributary.sink.runner.internal;

import io.tributary.sink.api.SinkException;
import io.tributary.sink.runner.LoadReport;
import org.quartz.CronExpression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sink on a cron schedule: runs {@link LoadRun}s when triggered and remembers the last trigger
 * in {@code <state-dir>/<sink>.last-run} (epoch milliseconds, written to a temp file and renamed),
 * so that a trigger missed while the process was down can be run once at start.
 */
public final class ScheduledSink {
    private final String name;
    private final CronExpression cron;
    private final Path lastRunFile;
    private final Supplier<SinkConsumer> consumers;
    private final Consumer<LoadReport> reports;

    ScheduledSink(String name, CronExpression cron, Path stateDir, Supplier<SinkConsumer> consumers, Consumer<LoadReport> reports) {
        this.name = name;
        this.cron = cron;
        this.lastRunFile = stateDir.resolve(name + ".last-run");
        this.consumers = consumers;
        this.reports = reports;
    }

    public String name() {
        return name;
    }

    /** Runs one load now (a trigger fired, or {@code --once}). */
    public synchronized LoadReport runNow(Instant trigger) throws SinkException, InterruptedException {
        LoadReport report = new LoadRun(name, consumers).run();
        recordRun(trigger);
        reports.accept(report);
        return report;
    }

    /** Whether a trigger fell between the last recorded run and {@code now} (false when there never was a run). */
    public boolean missedTriggerBefore(Instant now) {
        Instant last = lastRun();
        if (last == null) {
            return false;
        }
        Date next = cron.getNextValidTimeAfter(Date.from(last));
        return next != null && next.toInstant().isBefore(now);
    }

    private Instant lastRun() {
        try {
            return Instant.ofEpochMilli(Long.parseLong(Files.readString(lastRunFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private void recordRun(Instant trigger) {
        try {
            Files.createDirectories(lastRunFile.getParent());
            Path tmp = lastRunFile.resolveSibling(lastRunFile.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(trigger.toEpochMilli()), StandardCharsets.UTF_8);
            Files.move(tmp, lastRunFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + lastRunFile + ": " + e.getMessage(), e);
        }
    }
}
