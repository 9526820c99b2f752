package io.tributary.agent.internal.config;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code agent:} section. */
public record AgentSettings(
        @ConfigDoc(value = "host name put on every event and used as the Kafka record key", defaultValue = "the machine's host name")
        String host,
        @ConfigDoc(value = "directory for checkpoints, the spool and source scratch files; locked by one agent", defaultValue = "/var/lib/tributary/agent")
        Path dataDir,
        @ConfigDoc(value = "directory of third-party plugins: each jar, or each folder of jars, is one plugin; empty = none", defaultValue = "")
        Path pluginDir,
        @ConfigDoc(value = "how long a clean shutdown may take to flush events to the broker", defaultValue = "10s")
        java.time.Duration shutdownTimeout) {

    public AgentSettings {
        host = host == null || host.isBlank() ? localHostName() : host.trim();
        dataDir = dataDir == null ? Path.of("/var/lib/tributary/agent") : dataDir;
        shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(10) : shutdownTimeout;
    }

    public List<ConfigError> validate() {
        List<ConfigError> errors = new ArrayList<>();
        if (host.length() > 255) {
            errors.add(new ConfigError("agent.host", "at most 255 characters"));
        }
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            errors.add(new ConfigError("agent.shutdown-timeout", "must be > 0, got " + shutdownTimeout));
        }
        return errors;
    }

    static String localHostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
