package io.tributary.cli;

import java.util.List;

/** The config checks of every role {@code tributary check-config} knows. */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static List<ConfigCheck> all() {
        return List.of(new BrokerConfigCheck(), new AgentConfigCheck(), new SinkConfigCheck());
    }
}
