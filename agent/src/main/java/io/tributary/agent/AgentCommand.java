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

    /**
     * Starts, waits until the first events are on their way (or {@link #READY_WAIT_MS}), then
     * stops: the launcher's class-data-sharing training run (see ./tributary), which should load
     * the classes of the event path, not just those of start-up.
     */
    @Option(names = "--exit-when-ready", hidden = true)
    boolean exitWhenReady;

    private static final long READY_WAIT_MS = 5_000;

    @Override
    public Integer call() {
        Agent agent;
        try {
            if (check) {
                System.out.println(config + ": ok (" + Agent.check(config) + ")");
                return 0;
            }
            agent = Agent.start(config);
            if (exitWhenReady) {
                awaitFirstEvents(agent);
                agent.close();
                return 0;
            }
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

    private static void awaitFirstEvents(Agent agent) throws InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            AgentStats s = agent.stats();
            if (s.heldEvents() > 0 || s.sent() > 0 || s.spooled() > 0) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
