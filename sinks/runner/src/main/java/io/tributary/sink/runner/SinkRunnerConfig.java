package io.tributary.sink.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.observability.MetricsEndpoint;
import io.tributary.sink.api.DeadLetter;
import io.tributary.sink.api.SinkConfig;
import io.tributary.sink.api.SinkFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code sink.yaml}: an {@code input:} section and a list of {@code sinks:}. Every key has a
 * default (see {@code config-samples/sink-*.yaml}); an error names the key path, e.g.
 * {@code sinks[0].batch.max-records: must be >= 1, got 0}.
 *
 * @param stateDir      {@code state-dir}, default ./data/sink: small local state (last scheduled run per sink)
 * @param metricsListen {@code metrics.listen}, default off: {@code host:port} serving {@code GET /metrics}
 *                      (Prometheus) and {@code GET /health}
 */
public record SinkRunnerConfig(InputSettings input, Path stateDir, List<SinkSpec> sinks, String metricsListen) {

    private static final Set<String> TOP_KEYS = Set.of("input", "state-dir", "sinks", "metrics");
    private static final Set<String> INPUT_KEYS = Set.of("bootstrap.servers", "group", "standalone", "consumer");
    private static final Set<String> RUNNER_KEYS = Set.of("type", "name", "topics", "group", "schedule", "misfire",
            "batch", "retry", "dead-letter");

    public SinkRunnerConfig {
        sinks = List.copyOf(sinks);
    }

    public SinkRunnerConfig(InputSettings input, Path stateDir, List<SinkSpec> sinks) {
        this(input, stateDir, sinks, null);
    }

    public static SinkRunnerConfig load(Path file) {
        try {
            return parse(Files.readString(file), SinkFactories.load());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** Parses YAML text; {@code factories} maps {@code type:} to its factory. */
    public static SinkRunnerConfig parse(String yamlText, Map<String, SinkFactory<SinkConfig>> factories) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A key given twice is a mistake to report, not a silent "last one wins".
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        JsonNode root;
        try {
            root = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new IllegalArgumentException("not valid YAML" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new IllegalArgumentException("sinks: at least one sink is required");
        }
        requireObject(root, "(top level)");
        checkKeys(root, "", TOP_KEYS);
        InputSettings input = parseInput(root.path("input"));
        Path stateDir = Path.of(text(root, "state-dir", "state-dir", "data/sink"));
        JsonNode sinksNode = root.path("sinks");
        if (!sinksNode.isArray() || sinksNode.isEmpty()) {
            throw new IllegalArgumentException("sinks: a list of at least one sink is required");
        }
        List<SinkSpec> sinks = new ArrayList<>();
        for (int i = 0; i < sinksNode.size(); i++) {
            sinks.add(parseSink(yaml, sinksNode.get(i), "sinks[" + i + "]", input, factories));
        }
        checkUnique(sinks);
        return new SinkRunnerConfig(input, stateDir, sinks, parseMetricsListen(root.path("metrics")));
    }

    private static InputSettings parseInput(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return new InputSettings("127.0.0.1:9092", "tributary-sink", false, Map.of());
        }
        requireObject(node, "input");
        checkKeys(node, "input.", INPUT_KEYS);
        String servers = text(node, "bootstrap.servers", "input.bootstrap.servers", "127.0.0.1:9092");
        ConfigChecks.require(!servers.isBlank(), "input.bootstrap.servers", "must not be empty");
        String group = text(node, "group", "input.group", "tributary-sink");
        ConfigChecks.require(!group.isBlank(), "input.group", "must not be empty");
        JsonNode standalone = node.path("standalone");
        ConfigChecks.require(standalone.isMissingNode() || standalone.isBoolean(), "input.standalone", "must be true or false");
        Map<String, String> consumer = new LinkedHashMap<>();
        JsonNode extra = node.path("consumer");
        if (!extra.isMissingNode()) {
            requireObject(extra, "input.consumer");
            extra.fields().forEachRemaining(e -> consumer.put(e.getKey(), e.getValue().asText()));
        }
        return new InputSettings(servers, group, standalone.asBoolean(false), consumer);
    }

    private static SinkSpec parseSink(ObjectMapper yaml, JsonNode node, String path, InputSettings input,
                                      Map<String, SinkFactory<SinkConfig>> factories) {
        requireObject(node, path);
        String type = text(node, "type", path + ".type", null);
        ConfigChecks.require(type != null, path + ".type", "is required (one of " + String.join(", ", factories.keySet().stream().sorted().toList()) + ")");
        SinkFactory<SinkConfig> factory = factories.get(type);
        ConfigChecks.require(factory != null, path + ".type", "unknown sink type '" + type + "' (known: "
                + String.join(", ", factories.keySet().stream().sorted().toList()) + ")");

        JsonNode topicsNode = node.path("topics");
        ConfigChecks.require(topicsNode.isArray() && !topicsNode.isEmpty(), path + ".topics", "a list of at least one topic is required");
        List<String> topics = new ArrayList<>();
        for (JsonNode t : topicsNode) {
            ConfigChecks.require(t.isTextual() && !t.asText().isBlank(), path + ".topics", "topic names must be non-empty strings");
            topics.add(t.asText());
        }
        String group = text(node, "group", path + ".group", input.group());
        String cron = text(node, "schedule", path + ".schedule", null);
        String misfire = text(node, "misfire", path + ".misfire", null);
        ConfigChecks.require(cron != null || misfire == null, path + ".misfire", "only applies with schedule:");
        ScheduleSettings schedule = cron == null ? null : ScheduleSettings.parse(path, cron, misfire);
        BatchSettings batch = bind(yaml, node.path("batch"), path + ".batch", BatchSettings.class, BatchSettings.DEFAULTS);
        batch.validate(path + ".batch");
        RetrySettings retry = bind(yaml, node.path("retry"), path + ".retry", RetrySettings.class, RetrySettings.DEFAULTS);
        retry.validate(path + ".retry");
        DeadLetter deadLetter = parseDeadLetter(node.path("dead-letter"), path + ".dead-letter");

        ObjectNode own = ((ObjectNode) node).deepCopy();
        RUNNER_KEYS.forEach(own::remove);
        SinkConfig config = bind(yaml, own, path, factory.configType(), null);
        try {
            config.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + e.getMessage());
        }
        String name = text(node, "name", path + ".name", factory.defaultName(config));
        ConfigChecks.require(name.matches("[A-Za-z0-9._-]+"), path + ".name", "only letters, digits, '.', '_' and '-' allowed, got '" + name + "'");
        return new SinkSpec(type, name, topics, group, schedule, batch, retry, deadLetter, factory, config);
    }

    private static String parseMetricsListen(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        requireObject(node, "metrics");
        checkKeys(node, "metrics.", Set.of("listen"));
        String listen = text(node, "listen", "metrics.listen", null);
        if (listen == null || listen.isBlank()) {
            return null;
        }
        MetricsEndpoint.parse("metrics.listen", listen.trim());
        return listen.trim();
    }

    private static DeadLetter parseDeadLetter(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return new DeadLetter.Default();
        }
        requireObject(node, path);
        checkKeys(node, path + ".", Set.of("table", "topic"));
        String table = text(node, "table", path + ".table", null);
        String topic = text(node, "topic", path + ".topic", null);
        ConfigChecks.require((table == null) != (topic == null), path, "give exactly one of table: or topic:");
        return table != null ? new DeadLetter.Table(table) : new DeadLetter.Topic(topic);
    }

    private static void checkUnique(List<SinkSpec> sinks) {
        Set<String> names = new HashSet<>();
        Map<String, Set<String>> topicsByGroup = new HashMap<>();
        for (int i = 0; i < sinks.size(); i++) {
            SinkSpec spec = sinks.get(i);
            ConfigChecks.require(names.add(spec.name()), "sinks[" + i + "].name",
                    "'" + spec.name() + "' is used by another sink (names must be unique: they key tributary_offsets)");
            Set<String> groupTopics = topicsByGroup.computeIfAbsent(spec.group(), g -> new HashSet<>());
            for (String topic : spec.topics()) {
                // Two members of one group in one process would split the topic's partitions between them.
                ConfigChecks.require(groupTopics.add(topic), "sinks[" + i + "].group",
                        "another sink of group '" + spec.group() + "' already reads topic '" + topic + "': give each sink its own group:");
            }
        }
    }

    private static <T> T bind(ObjectMapper yaml, JsonNode node, String path, Class<T> type, T whenMissing) {
        if ((node.isMissingNode() || node.isNull()) && whenMissing != null) {
            return whenMissing;
        }
        try {
            return yaml.treeToValue(node.isMissingNode() ? yaml.createObjectNode() : node, type);
        } catch (JsonMappingException e) {
            String keys = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining());
            String message = e.getOriginalMessage();
            String reason = message.startsWith("Unrecognized field") ? "unknown key" : message.lines().findFirst().orElse(message);
            throw new IllegalArgumentException(path + keys + ": " + reason);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": " + e.getOriginalMessage());
        }
    }

    private static void requireObject(JsonNode node, String path) {
        ConfigChecks.require(node.isObject(), path, "must be a mapping of keys to values");
    }

    private static void checkKeys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            ConfigChecks.require(allowed.contains(key), prefix + key, "unknown key (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    private static String text(JsonNode node, String key, String path, String fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        ConfigChecks.require(value.isValueNode(), path, "must be a single value");
        return value.asText();
    }
}
