package io.tributary.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tributary broker}: runs broker-lite in the foreground until SIGTERM/SIGINT, then shuts
 * down cleanly (flush, close files). Exit codes: 0 stopped, 1 failed to start, 2 bad usage or config.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run broker-lite, a Kafka-protocol log broker, in the foreground.")
public final class BrokerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BrokerCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with broker settings (flags override it)")
    Path configFile;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "address to listen on (default 127.0.0.1:9092)")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where topics are stored (default ./data/broker)")
    Path dataDir;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "serve Prometheus /metrics and /health here (default: off, or metrics.listen of the config)")
    String metricsListen;

    /** Starts, then stops at once: the launcher's class-data-sharing training run (see ./tributary). */
    @Option(names = "--exit-when-ready", hidden = true)
    boolean exitWhenReady;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BrokerConfig config;
        try {
            config = configFile == null ? BrokerConfig.defaults(null) : BrokerConfig.load(configFile);
            if (listen != null) {
                config = config.withListen(listen);
            }
            if (dataDir != null) {
                config = config.withDataDir(dataDir);
            }
            if (metricsListen != null) {
                config = config.withMetricsListen(metricsListen);
            }
            config.validate();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("tributary broker: bad config: " + e.getMessage());
            return 2;
        }
        BrokerLite broker;
        try {
            broker = BrokerLite.start(config);
        } catch (BindException e) {
            spec.commandLine().getErr().println("tributary broker: cannot listen on " + config.listen() + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            spec.commandLine().getErr().println("tributary broker: failed to start: " + e.getMessage());
            return 1;
        }
        if (exitWhenReady) {
            broker.close();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down broker-lite");
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
