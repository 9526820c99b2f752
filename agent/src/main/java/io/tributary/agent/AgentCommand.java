package io.tributary.agent;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary agent --config agent.yaml}: runs the agent until SIGTERM/SIGINT, then stops
 * cleanly (sources stopped, producer flushed, final checkpoint). Exit codes: 0 after a clean
 * stop, 1 when it could not start, 2 for a bad config (each problem printed with its key path).
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Ship log files and host metrics from this host to the broker.")
public final class AgentCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("io.tributary.agent");

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "agent YAML config")
    Path config;

    @Option(names = "--check", description = "validate the config (and plugin configs), print the result and exit")
    boolean check;

    @Override
    public Integer call() {
        Agent agent;
        try {
            if (check) {
                System.out.println(config + ": ok (" + Agent.check(config) + ")");
                return 0;
            }
            agent = Agent.start(config);
        } catch (AgentConfigException e) {
            System.err.println("agent: invalid config " + config + ":");
            e.errors().forEach(err -> System.err.println("  " + err));
            return 2;
        } catch (Exception e) {
            System.err.println("agent: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "tributary-agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.close();
        }
        return 0;
    }
}
