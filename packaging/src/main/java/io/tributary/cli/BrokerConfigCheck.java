package io.tributary.cli;

import io.tributary.broker.BrokerConfig;

import java.nio.file.Path;
import java.util.Set;

/** The broker's config, checked by {@link BrokerConfig#load} and {@link BrokerConfig#validate}. */
final class BrokerConfigCheck implements ConfigCheck {
    /** Keys no other role uses ({@code data-dir} and {@code log} are too generic to tell). */
    private static final Set<String> BROKER_ONLY_KEYS = Set.of("listen", "advertised-host", "node-id", "io-threads",
            "max-request-bytes", "auto-create-topics", "default-partitions", "maintenance-interval-ms");

    @Override
    public String role() {
        return "broker";
    }

    @Override
    public boolean recognizes(Set<String> topLevelKeys) {
        return topLevelKeys.stream().anyMatch(BROKER_ONLY_KEYS::contains);
    }

    @Override
    public String check(Path file) {
        BrokerConfig config = BrokerConfig.load(file).validate();
        return "listen " + config.listen() + ", data dir " + config.dataDir();
    }
}
