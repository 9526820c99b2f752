package io.tributary.cli;

import io.tributary.cli.quickstart.DurationConverter;
import io.tributary.cli.quickstart.ProgressLine;
import io.tributary.cli.quickstart.Quickstart;
import io.tributary.cli.quickstart.QuickstartLogging;
import io.tributary.cli.quickstart.QuickstartSettings;
import io.tributary.cli.quickstart.QuickstartSummary;
import io.tributary.cli.quickstart.WarehouseQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.CronExpression;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary quickstart}: broker, agent and sinks in one process on a generated access log
 * and this host's metrics, loading a DuckDB warehouse on a cron schedule, with a progress line;
 * on Ctrl-C/SIGTERM or after {@code --duration}, a clean stop, a summary and sample queries.
 * Exit codes: 0 after a clean stop, 1 when something failed, 2 bad usage.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Try Tributary in one process: an embedded broker-lite, an agent tailing a generated nginx access log "
                        + "(<data-dir>/logs/access.log) and sampling this host's metrics, and sinks loading both topics "
                        + "into an embedded DuckDB warehouse (<data-dir>/warehouse.duckdb) on a cron schedule.",
                "A progress line shows log lines written, lines tailed by the agent (and per second), events shipped "
                        + "(acknowledged by the broker), broker lag (records not yet loaded) and rows loaded. Ctrl-C (or --duration) stops everything cleanly, "
                        + "loads what is left, prints a summary and sample query results.",
                "The agent and sink configs it runs are written to <data-dir>/agent.yaml and <data-dir>/sink.yaml; "
                        + "the roles' log lines go to <data-dir>/quickstart.log. Running it again with the same data "
                        + "directory continues where it stopped."},
        footer = {"", "Examples:",
                "  tributary quickstart                          run until Ctrl-C",
                "  tributary quickstart --duration 20s           run 20 seconds, then summarise",
                "  tributary quickstart --listen 127.0.0.1:0     if port 9092 is taken",
                "  tributary topics list                         (from another terminal, while it runs)",
                "  tributary groups describe quickstart-logs     lag of the logs sink"})
public final class QuickstartCommand implements Callable<Integer> {
    /** How the progress is shown. */
    enum ProgressMode { auto, terminal, plain, off }

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "quickstart-data",
            description = "where the broker's log, the agent's checkpoints, the demo access log and the warehouse live "
                    + "(created if absent; default: ${DEFAULT-VALUE} in the current directory)")
    Path dataDir;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "stop after this long, e.g. 20s, 5m (default: run until Ctrl-C or SIGTERM)")
    Duration duration;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "address of the embedded broker, for `tributary topics|groups|consume` from another terminal "
                    + "(port 0 = any free port; default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--rate", paramLabel = "LINES", defaultValue = "50",
            description = "access log lines written per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--metrics-interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "how often this host's metrics are sampled (at least 1s; default: ${DEFAULT-VALUE})")
    Duration metricsInterval;

    @Option(names = "--schedule", paramLabel = "CRON", defaultValue = "0/10 * * * * ?",
            description = "Quartz cron schedule of the warehouse loads, seconds first (default: \"${DEFAULT-VALUE}\" = every 10 s)")
    String schedule;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a line rewritten in place on a terminal, a plain line every 5 s otherwise), "
                    + "terminal, plain or off (default: ${DEFAULT-VALUE})")
    ProgressMode progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        QuickstartSettings settings = new QuickstartSettings(dataDir, listen, rate, metricsInterval, schedule);
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C/SIGTERM: the JVM runs this hook; it asks the main thread to stop and waits until the summary is printed.
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "quickstart-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            boolean logsToFile = prepareDataDir(settings) && QuickstartLogging.toFile(settings.logFile());
            out.println("Starting the quickstart in " + dataDir.toAbsolutePath() + " ...");
            out.flush();
            Quickstart quickstart = Quickstart.start(settings);
            printStarted(out, quickstart, logsToFile);
            String failure = runUntilStopped(out, quickstart, stopRequested);
            out.println(failure != null ? "Stopping: " + failure : "Stopping: flushing the agent and running a final load ...");
            out.flush();
            QuickstartSummary summary = quickstart.stop();
            printSummary(out, settings, summary);
            if (failure != null) {
                throw new CliException(failure);
            }
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running (Ctrl-C): it returns now that the summary is printed.
            }
        }
    }

    private void validate() {
        if (!(rate > 0) || rate > 100_000) {
            throw CliException.usage("--rate: must be between 0 and 100000 lines per second, got " + rate);
        }
        if (metricsInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw CliException.usage("--metrics-interval: must be at least 1s, got " + metricsInterval.toMillis() + "ms");
        }
        if (dataDir.toAbsolutePath().toString().matches(".*[*?\\[\\]{}\\\\].*")) {
            // The agent's file-tail paths: are globs; a data directory with glob characters would be read as a pattern.
            throw CliException.usage("--data-dir: " + dataDir.toAbsolutePath()
                    + " contains one of * ? [ ] { } \\, which file-tail reads as a glob: pick another directory");
        }
        if (!CronExpression.isValidExpression(schedule)) {
            throw CliException.usage("--schedule: not a Quartz cron expression: '" + schedule
                    + "' (fields: seconds minutes hours day-of-month month day-of-week, e.g. \"0/10 * * * * ?\")");
        }
    }

    private static boolean prepareDataDir(QuickstartSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
            return true;
        } catch (IOException e) {
            throw new CliException("cannot create the data directory " + settings.dataDir() + ": " + e.getMessage());
        }
    }

    private void printStarted(PrintWriter out, Quickstart quickstart, boolean logsToFile) {
        QuickstartSettings s = quickstart.settings();
        out.println("  broker      " + quickstart.bootstrapServers() + " (topics logs, metrics; data in " + s.dataDir().resolve("broker") + ")");
        out.println("  access log  " + s.accessLog() + " (" + fmt(s.linesPerSecond()) + " lines/s)");
        out.println("  agent       file-tail -> logs, host-metrics every " + metricsInterval.toSeconds() + " s -> metrics ("
                + s.agentConfig() + ")");
        out.println("  sinks       logs, metrics -> " + s.warehouse() + " on \"" + s.cron() + "\" (" + s.sinkConfig() + ")");
        Map<String, String> metrics = quickstart.metricsUrls();
        if (!metrics.isEmpty()) {
            out.println("  metrics     " + String.join(", ", metrics.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()) + " (and /health)");
        }
        if (logsToFile) {
            out.println("  log         " + s.logFile());
        }
        out.println(duration == null ? "Running; press Ctrl-C to stop." : "Running for " + humanDuration(duration) + " (Ctrl-C stops earlier).");
        out.flush();
    }

    /** Prints progress until a stop is requested, the duration is up, or something fails (returned). */
    private String runUntilStopped(PrintWriter out, Quickstart quickstart, CountDownLatch stopRequested) throws InterruptedException {
        boolean terminal = switch (progress) {
            case auto -> System.console() != null;
            case terminal -> true;
            case plain, off -> false;
        };
        ProgressLine line = new ProgressLine(out, terminal);
        long every = terminal ? 1_000 : 5_000;
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        long nextPrint = System.nanoTime() + every * 1_000_000;
        try {
            while (true) {
                String failure = quickstart.failure();
                if (failure != null) {
                    return failure;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    printLast(line, quickstart);
                    return null;
                }
                if (progress != ProgressMode.off && now >= nextPrint) {
                    line.print(quickstart.progress());
                    nextPrint += every * 1_000_000;
                }
                long wait = Math.min(Math.min(deadline, nextPrint) - System.nanoTime(), 200_000_000L);
                if (stopRequested.await(Math.max(wait, 1), TimeUnit.NANOSECONDS)) {
                    printLast(line, quickstart);
                    return null;
                }
            }
        } finally {
            line.finish();
        }
    }

    /** Where things stood when the stop began, however long ago the last line was printed. */
    private void printLast(ProgressLine line, Quickstart quickstart) throws InterruptedException {
        if (progress != ProgressMode.off) {
            line.print(quickstart.progress());
        }
    }

    private void printSummary(PrintWriter out, QuickstartSettings settings, QuickstartSummary summary) {
        out.println();
        out.println("Quickstart ran " + humanDuration(summary.running()) + " (start-up " + humanDuration(summary.startup())
                + ", stop with the final load " + humanDuration(summary.shutdown()) + "):");
        out.println("  log lines written   " + summary.linesWritten());
        out.println("  events shipped      " + summary.eventsShipped() + " (acknowledged by the broker)");
        StringBuilder rows = new StringBuilder();
        summary.rowsBySink().forEach((sink, n) -> rows.append(rows.length() == 0 ? "" : ", ").append(sink).append(' ').append(n));
        out.println("  rows loaded         " + summary.rowsLoaded() + " (" + rows + ") in " + summary.loadRuns() + " load runs"
                + (summary.rejected() > 0 ? ", " + summary.rejected() + " rejected to dead letters" : ""));
        out.println("  warehouse           " + settings.warehouse());
        try {
            for (WarehouseQueries.Result result : WarehouseQueries.run(settings.warehouse(), WarehouseQueries.SAMPLES)) {
                out.println();
                out.println(result.query().title() + ":");
                TextTable table = new TextTable(result.columns().toArray(String[]::new));
                result.rows().forEach(r -> table.add(r.toArray()));
                table.print(out);
            }
        } catch (SQLException e) {
            out.println("  (cannot query the warehouse: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        out.println();
        out.println("Query it yourself (DuckDB CLI, while the quickstart is stopped):");
        out.println("  duckdb " + settings.warehouse() + " \"SELECT metric, count(*) FROM metrics GROUP BY metric\"");
        out.println("Run `tributary quickstart` again to continue; delete " + settings.dataDir() + " to start afresh.");
        out.flush();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format("%.1f s", d.toMillis() / 1000.0);
        }
        return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
}
