package io.tributary.sink.runner;

import org.quartz.CronExpression;

import java.text.ParseException;

/**
 * A sink's load schedule: {@code schedule:} is a Quartz cron expression (seconds first:
 * {@code "0 5 * * * ?"} = every hour at :05). Each trigger starts a load run that drains every
 * assigned partition up to its end offset as of the trigger, then stops and reports.
 * {@code misfire:} {@code run-once} (default) runs a trigger missed while the process was down or
 * busy once, as soon as possible; {@code skip} waits for the next one.
 */
public record ScheduleSettings(String cron, boolean runMissedOnce) {

    public CronExpression expression() {
        try {
            return new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static ScheduleSettings parse(String path, String cron, String misfire) {
        try {
            new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException(path + ".schedule: not a Quartz cron expression ('" + cron + "'): "
                    + e.getMessage() + " (fields: seconds minutes hours day-of-month month day-of-week, e.g. \"0 5 * * * ?\")");
        }
        String value = misfire == null ? "run-once" : misfire;
        ConfigChecks.require(value.equals("run-once") || value.equals("skip"), path + ".misfire",
                "must be run-once or skip, got '" + value + "'");
        return new ScheduleSettings(cron, value.equals("run-once"));
    }
}
