package io.tributary.sink.runner;

import io.tributary.sink.api.SinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tributary sink --config sink.yaml}: runs the configured sinks until SIGTERM/SIGINT
 * (continuous sinks stream, scheduled ones run on their cron). {@code --once} runs one load of
 * every sink up to the current end offsets, prints the reports and exits (for cron outside, or
 * a backfill). Exit codes: 0 stopped, 1 a sink failed, 2 bad usage or config.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Load topics into warehouses (PostgreSQL, DuckDB, JDBC, files), exactly once.")
public final class SinkCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SinkCommand.class);

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "YAML file with input and sinks (see config-samples/sink-*.yaml)")
    Path configFile;

    @Option(names = "--once", description = "run one load of every sink up to the current end offsets, then exit")
    boolean once;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SinkRunnerConfig config;
        try {
            config = SinkRunnerConfig.load(configFile);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("tributary sink: bad config: " + e.getMessage());
            return 2;
        }
        SinkRunner runner;
        try {
            runner = SinkRunner.open(config);
        } catch (SinkException | RuntimeException e) {
            spec.commandLine().getErr().println("tributary sink: cannot open sink: " + e.getMessage());
            return 1;
        }
        if (once) {
            return runOnce(runner);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.info("Shutting down sinks (committing pending batches)");
            runner.close();
            stopped.countDown();
        }, "sink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            runner.start();
            Exception failure = runner.failure().join();
            spec.commandLine().getErr().println("tributary sink: " + failure.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            runner.close();
            return 1;
        } catch (SinkException e) {
            spec.commandLine().getErr().println("tributary sink: " + e.getMessage());
            return 1;
        }
    }

    private int runOnce(SinkRunner runner) {
        try (runner) {
            for (String name : runner.sinkNames()) {
                spec.commandLine().getOut().println(runner.runOnce(name));
            }
            return 0;
        } catch (SinkException | RuntimeException e) {
            spec.commandLine().getErr().println("tributary sink: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Runs the sink role alone (tests start it as a child process this way). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SinkCommand()).execute(args));
    }
}
