package io.tributary.broker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.broker.internal.group.GroupConfig;
import io.tributary.broker.internal.log.LogConfig;
import org.apache.kafka.common.errors.InvalidConfigurationException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every broker setting, bound from YAML (see {@code config-samples/broker.yaml}); each key has
 * a default, so an empty file is a valid config. Flags of {@code tributary broker} override it.
 *
 * @param listen                address to bind, {@code host:port} (port 0 picks a free port)
 * @param advertisedHost        host name clients are told to connect to; default: the listen host
 * @param dataDir               where topics live
 * @param nodeId                this broker's id in Metadata
 * @param ioThreads             network/request threads
 * @param maxRequestBytes       larger request frames close the connection (socket.request.max.bytes)
 * @param autoCreateTopics      create unknown topics on Metadata/Produce (auto.create.topics.enable)
 * @param defaultPartitions     partitions of auto-created topics and of CreateTopics with -1 (num.partitions)
 * @param maintenanceIntervalMs how often retention, the flush.ms policy and delayed deletes run
 * @param log                   defaults of every topic's log settings
 * @param groups                consumer group coordinator settings
 * @param offsets               committed offsets store settings
 * @param metrics               the Prometheus /metrics and /health endpoint (off unless metrics.listen is set)
 */
public record BrokerConfig(
        @JsonProperty("listen") String listen,
        @JsonProperty("advertised-host") String advertisedHost,
        @JsonProperty("data-dir") Path dataDir,
        @JsonProperty("node-id") Integer nodeId,
        @JsonProperty("io-threads") Integer ioThreads,
        @JsonProperty("max-request-bytes") Integer maxRequestBytes,
        @JsonProperty("auto-create-topics") Boolean autoCreateTopics,
        @JsonProperty("default-partitions") Integer defaultPartitions,
        @JsonProperty("maintenance-interval-ms") Long maintenanceIntervalMs,
        @JsonProperty("log") LogSettings log,
        @JsonProperty("groups") GroupSettings groups,
        @JsonProperty("offsets") OffsetSettings offsets,
        @JsonProperty("metrics") MetricsSettings metrics) {

    public BrokerConfig {
        listen = Objects.requireNonNullElse(listen, "127.0.0.1:9092");
        dataDir = Objects.requireNonNullElse(dataDir, Path.of("data", "broker"));
        nodeId = Objects.requireNonNullElse(nodeId, 0);
        ioThreads = Objects.requireNonNullElse(ioThreads, Math.max(2, Runtime.getRuntime().availableProcessors()));
        maxRequestBytes = Objects.requireNonNullElse(maxRequestBytes, 100 * 1024 * 1024);
        autoCreateTopics = Objects.requireNonNullElse(autoCreateTopics, true);
        defaultPartitions = Objects.requireNonNullElse(defaultPartitions, 1);
        maintenanceIntervalMs = Objects.requireNonNullElse(maintenanceIntervalMs, 1000L);
        log = Objects.requireNonNullElse(log, new LogSettings(null, null, null, null, null, null, null, null, null));
        groups = Objects.requireNonNullElse(groups, new GroupSettings(null, null, null));
        offsets = Objects.requireNonNullElse(offsets, new OffsetSettings(null, null, null, null));
        metrics = Objects.requireNonNullElse(metrics, new MetricsSettings(null));
    }

    /** All defaults; data in {@code dataDir}. */
    public static BrokerConfig defaults(Path dataDir) {
        return new BrokerConfig(null, null, dataDir, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Topic log defaults, under Kafka's topic config names in kebab case; null means Kafka's default.
     */
    public record LogSettings(
            @JsonProperty("segment-bytes") Long segmentBytes,
            @JsonProperty("segment-ms") Long segmentMs,
            @JsonProperty("retention-ms") Long retentionMs,
            @JsonProperty("retention-bytes") Long retentionBytes,
            @JsonProperty("flush-messages") Long flushMessages,
            @JsonProperty("flush-ms") Long flushMs,
            @JsonProperty("index-interval-bytes") Long indexIntervalBytes,
            @JsonProperty("max-message-bytes") Long maxMessageBytes,
            @JsonProperty("file-delete-delay-ms") Long fileDeleteDelayMs) {

        Map<String, String> asKafkaConfigs() {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("segment.bytes", segmentBytes);
            raw.put("segment.ms", segmentMs);
            raw.put("retention.ms", retentionMs);
            raw.put("retention.bytes", retentionBytes);
            raw.put("flush.messages", flushMessages);
            raw.put("flush.ms", flushMs);
            raw.put("index.interval.bytes", indexIntervalBytes);
            raw.put("max.message.bytes", maxMessageBytes);
            raw.put("file.delete.delay.ms", fileDeleteDelayMs);
            return raw.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString(), (a, b) -> a, LinkedHashMap::new));
        }
    }

    /**
     * Group coordinator settings (Kafka's {@code group.*} broker configs); null means the default.
     *
     * @param minSessionTimeoutMs     smallest session.timeout.ms a consumer may use (default 6000)
     * @param maxSessionTimeoutMs     largest session.timeout.ms a consumer may use (default 1800000)
     * @param initialRebalanceDelayMs how long the first rebalance of an empty group waits for more members (default 0)
     */
    public record GroupSettings(
            @JsonProperty("min-session-timeout-ms") Long minSessionTimeoutMs,
            @JsonProperty("max-session-timeout-ms") Long maxSessionTimeoutMs,
            @JsonProperty("initial-rebalance-delay-ms") Long initialRebalanceDelayMs) {
    }

    /**
     * Committed offsets store settings; null means the default.
     *
     * @param retentionMs    offsets of a group empty for this long expire (default 7 days, Kafka's offsets.retention.minutes)
     * @param flushMessages  fsync the offsets log after this many commits (default: leave it to the OS)
     * @param flushMs        fsync the offsets log when its oldest unflushed commit is this old (default: leave it to the OS)
     * @param compactBytes   rewrite the offsets log as just the live offsets after it grew by this many bytes (default 16 MiB)
     */
    public record OffsetSettings(
            @JsonProperty("retention-ms") Long retentionMs,
            @JsonProperty("flush-messages") Long flushMessages,
            @JsonProperty("flush-ms") Long flushMs,
            @JsonProperty("compact-bytes") Long compactBytes) {
    }

    /**
     * The HTTP endpoint serving Prometheus {@code /metrics} and {@code /health}.
     *
     * @param listen {@code host:port} to serve on (port 0 picks a free port); null (the default) serves nothing
     */
    public record MetricsSettings(@JsonProperty("listen") String listen) {
    }

    /** Serves /metrics and /health on {@code hostPort}; null turns the endpoint off. */
    public BrokerConfig withMetricsListen(String hostPort) {
        return new BrokerConfig(listen, advertisedHost, dataDir, nodeId, ioThreads, maxRequestBytes, autoCreateTopics,
                defaultPartitions, maintenanceIntervalMs, log, groups, offsets, new MetricsSettings(hostPort));
    }

    /** Where /metrics is served, or empty when the endpoint is off. */
    public Optional<InetSocketAddress> metricsAddress() {
        return metrics.listen() == null ? Optional.empty() : Optional.of(hostPort("metrics.listen", metrics.listen()));
    }

    /** The coordinator's settings, defaults filled in. */
    public GroupConfig groupConfig() {
        GroupConfig d = GroupConfig.defaults();
        return new GroupConfig(
                Objects.requireNonNullElse(groups.minSessionTimeoutMs(), d.minSessionTimeoutMs()),
                Objects.requireNonNullElse(groups.maxSessionTimeoutMs(), d.maxSessionTimeoutMs()),
                Objects.requireNonNullElse(groups.initialRebalanceDelayMs(), d.initialRebalanceDelayMs()),
                Objects.requireNonNullElse(offsets.retentionMs(), d.offsetsRetentionMs()),
                Objects.requireNonNullElse(offsets.flushMessages(), d.offsetsFlushMessages()),
                Objects.requireNonNullElse(offsets.flushMs(), d.offsetsFlushMs()),
                Objects.requireNonNullElse(offsets.compactBytes(), d.offsetsCompactBytes()));
    }

    public BrokerConfig withListen(String newListen) {
        return new BrokerConfig(newListen, advertisedHost, dataDir, nodeId, ioThreads, maxRequestBytes, autoCreateTopics,
                defaultPartitions, maintenanceIntervalMs, log, groups, offsets, metrics);
    }

    public BrokerConfig withDataDir(Path newDataDir) {
        return new BrokerConfig(listen, advertisedHost, newDataDir, nodeId, ioThreads, maxRequestBytes, autoCreateTopics,
                defaultPartitions, maintenanceIntervalMs, log, groups, offsets, metrics);
    }

    public BrokerConfig withGroups(GroupSettings newGroups) {
        return new BrokerConfig(listen, advertisedHost, dataDir, nodeId, ioThreads, maxRequestBytes, autoCreateTopics,
                defaultPartitions, maintenanceIntervalMs, log, newGroups, offsets, metrics);
    }

    public BrokerConfig withOffsets(OffsetSettings newOffsets) {
        return new BrokerConfig(listen, advertisedHost, dataDir, nodeId, ioThreads, maxRequestBytes, autoCreateTopics,
                defaultPartitions, maintenanceIntervalMs, log, groups, newOffsets, metrics);
    }

    public BrokerConfig withLog(LogSettings newLog) {
        return new BrokerConfig(listen, advertisedHost, dataDir, nodeId, ioThreads, maxRequestBytes, autoCreateTopics,
                defaultPartitions, maintenanceIntervalMs, newLog, groups, offsets, metrics);
    }

    public BrokerConfig withAutoCreateTopics(boolean enabled, int partitions) {
        return new BrokerConfig(listen, advertisedHost, dataDir, nodeId, ioThreads, maxRequestBytes, enabled,
                partitions, maintenanceIntervalMs, log, groups, offsets, metrics);
    }

    public BrokerConfig withMaintenanceIntervalMs(long intervalMs) {
        return new BrokerConfig(listen, advertisedHost, dataDir, nodeId, ioThreads, maxRequestBytes, autoCreateTopics,
                defaultPartitions, intervalMs, log, groups, offsets, metrics);
    }

    /** Reads a YAML file; errors name the file and the key path. */
    public static BrokerConfig load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A key given twice is a mistake to report, not a silent "last one wins".
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            String text = Files.readString(file);
            BrokerConfig config = text.isBlank() ? null : yaml.readValue(text, BrokerConfig.class);
            return config == null ? defaults(null) : config;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String reason = e.getOriginalMessage().startsWith("Unrecognized field") ? "unknown key" : e.getOriginalMessage();
            throw new IllegalArgumentException(file + ": " + path + ": " + reason);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Checks every value; throws IllegalArgumentException naming the key. */
    public BrokerConfig validate() {
        listenAddress();
        metricsAddress();
        require(nodeId >= 0, "node-id", "must be >= 0, got " + nodeId);
        require(ioThreads >= 1, "io-threads", "must be >= 1, got " + ioThreads);
        require(maxRequestBytes >= 1024, "max-request-bytes", "must be >= 1024, got " + maxRequestBytes);
        require(defaultPartitions >= 1, "default-partitions", "must be >= 1, got " + defaultPartitions);
        require(maintenanceIntervalMs >= 1, "maintenance-interval-ms", "must be >= 1, got " + maintenanceIntervalMs);
        logDefaults();
        GroupConfig g = groupConfig();
        require(g.minSessionTimeoutMs() >= 1, "groups.min-session-timeout-ms", "must be >= 1, got " + g.minSessionTimeoutMs());
        require(g.maxSessionTimeoutMs() >= g.minSessionTimeoutMs(), "groups.max-session-timeout-ms",
                "must be >= groups.min-session-timeout-ms (" + g.minSessionTimeoutMs() + "), got " + g.maxSessionTimeoutMs());
        require(g.initialRebalanceDelayMs() >= 0, "groups.initial-rebalance-delay-ms", "must be >= 0, got " + g.initialRebalanceDelayMs());
        require(g.offsetsRetentionMs() >= 1, "offsets.retention-ms", "must be >= 1, got " + g.offsetsRetentionMs());
        require(g.offsetsFlushMessages() >= 1, "offsets.flush-messages", "must be >= 1, got " + g.offsetsFlushMessages());
        require(g.offsetsFlushMs() >= 0, "offsets.flush-ms", "must be >= 0, got " + g.offsetsFlushMs());
        require(g.offsetsCompactBytes() >= 1024, "offsets.compact-bytes", "must be >= 1024, got " + g.offsetsCompactBytes());
        return this;
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + reason);
        }
    }

    /** The topic defaults; a bad value names the {@code log.*} key. */
    public LogConfig logDefaults() {
        Map<String, String> settings = log.asKafkaConfigs();
        settings.forEach((key, value) -> {
            try {
                LogConfig.defaults().withOverrides(Map.of(key, value));
            } catch (InvalidConfigurationException e) {
                throw new IllegalArgumentException("log." + key.replace('.', '-') + ": " + e.getMessage());
            }
        });
        return LogConfig.defaults().withOverrides(settings);
    }

    public InetSocketAddress listenAddress() {
        return hostPort("listen", listen);
    }

    private static InetSocketAddress hostPort(String key, String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(key + ": expected host:port, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + value.substring(colon + 1) + "' is not a port number (0-65535)");
        }
    }
}
