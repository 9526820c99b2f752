package io.tributary.agent;

import picocli.CommandLine;

/**
 * Plain entry point: {@code java -cp ... io.tributary.agent.AgentMain --config agent.yaml}
 * (same options and exit codes as {@code tributary agent}).
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new AgentCommand()).execute(args);
        // Exit only on failure: after a clean stop the shutdown hook is finishing and the JVM is exiting anyway.
        if (code != 0) {
            System.exit(code);
        }
    }
}
