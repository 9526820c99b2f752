package io.tributary.sink.jdbc;

import java.nio.file.Path;

/** Builds sink.yaml text for tests. */
public final class SinkYaml {
    private SinkYaml() {
    }

    public static String standalone(String bootstrap, Path stateDir, String sinks) {
        return "input:\n  bootstrap.servers: " + bootstrap + "\n  group: test-loader\n  standalone: true\nstate-dir: " + stateDir
                + "\nsinks:\n" + sinks;
    }

    public static String group(String bootstrap, String group, Path stateDir, String sinks) {
        return "input:\n  bootstrap.servers: " + bootstrap + "\n  group: " + group
                + "\n  consumer: {session.timeout.ms: 6000, heartbeat.interval.ms: 500}\nstate-dir: " + stateDir
                + "\nsinks:\n" + sinks;
    }
}
