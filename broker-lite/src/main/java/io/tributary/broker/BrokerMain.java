package io.tributary.broker;

import io.tributary.broker.internal.StartupWarmup;
import picocli.CommandLine;

/** Runs {@link BrokerCommand} on its own: {@code java -cp ... io.tributary.broker.BrokerMain --listen ...}. */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) {
        StartupWarmup.start();
        int code = new CommandLine(new BrokerCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
