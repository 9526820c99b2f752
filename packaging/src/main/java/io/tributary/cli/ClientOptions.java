package io.tributary.cli;

import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The options every command that talks to a broker shares: where the broker is, how long to wait
 * for it, and extra client settings (security, for an Apache Kafka cluster). Works with any
 * Kafka-protocol broker, broker-lite or Apache Kafka.
 */
public final class ClientOptions {
    @Option(names = {"--bootstrap-server", "-b"}, paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:TRIBUTARY_BOOTSTRAP_SERVER:-127.0.0.1:9092}",
            description = "broker(s) to connect to (default: ${DEFAULT-VALUE}; env TRIBUTARY_BOOTSTRAP_SERVER)")
    String bootstrapServers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "give up on an unreachable or silent broker after this long (default: ${DEFAULT-VALUE} s)")
    double timeoutSeconds;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "properties file with extra Kafka client settings (e.g. security.protocol, sasl.*)")
    Path commandConfig;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration timeout() {
        if (!(timeoutSeconds > 0)) {
            throw CliException.usage("--timeout must be > 0, got " + timeoutSeconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
    }

    /** Settings common to Admin, producer and consumer: bootstrap, timeouts, then --command-config. */
    public Map<String, Object> clientConfig() {
        int timeoutMs = (int) timeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        // Fail fast between reconnect attempts instead of backing off for up to a second.
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "tributary-cli");
        config.putAll(commandConfigProperties());
        return config;
    }

    private Map<String, Object> commandConfigProperties() {
        if (commandConfig == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(commandConfig)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new CliException("--command-config " + commandConfig + " does not exist");
        } catch (IOException e) {
            throw new CliException("cannot read --command-config " + commandConfig + ": " + e.getMessage());
        }
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v));
        return map;
    }
}
