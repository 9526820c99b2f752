package io.tributary.agent.internal.config;

import io.tributary.agent.internal.config.YamlTree.Scalar;
import io.tributary.plugin.api.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Reads an agent YAML file: substitutes {@code ${ENV:-default}}, binds each section, validates,
 * and reports every problem at once with its key path ({@link ConfigException}). Plugin
 * settings of each source stay as a tree here; {@code SourceBinder} binds them once the plugins
 * are known.
 */
public final class ConfigLoader {
    private static final Set<String> SECTIONS = Set.of("agent", "output", "pipeline", "spool", "checkpoint", "metrics", "sources");
    private static final Set<String> OUTPUT_KEYS = Set.of("bootstrap.servers", "compression", "batch-size", "linger",
            "unreachable-after", "client-id");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final ConfigMapper mapper;
    private final EnvSubstitution env;

    public ConfigLoader(ConfigMapper mapper, EnvSubstitution env) {
        this.mapper = mapper;
        this.env = env;
    }

    /**
     * The outcome of reading a file: the config (sections that failed are null) and the problems.
     * Sources are listed even when other sections have errors, so plugin settings can be
     * checked in the same run and every problem is reported at once.
     */
    public record Parsed(AgentConfig config, List<ConfigError> errors) {
        /** The config, or every problem (first per key path) as an exception. */
        public AgentConfig orThrow() throws ConfigException {
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
            return config;
        }
    }

    public AgentConfig load(Path file) throws ConfigException {
        return read(file).orThrow();
    }

    public AgentConfig parse(String yaml, String origin) throws ConfigException {
        return parseLenient(yaml, origin).orThrow();
    }

    public Parsed read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("(file)", "config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("(file)", "cannot read " + file + ": " + e.getMessage());
        }
        return parseLenient(text, file.toString());
    }

    /** Parses; throws only when the text is not YAML at all, otherwise returns what it found. */
    public Parsed parseLenient(String yaml, String origin) throws ConfigException {
        Object tree;
        try {
            tree = YamlTree.parse(yaml);
        } catch (YamlTree.YamlException e) {
            if (e.key() != null) {
                throw new ConfigException(e.key(), e.getMessage());
            }
            throw new ConfigException("(file)", origin + " is not valid YAML at " + e.getMessage());
        }
        if (tree == null) {
            tree = new LinkedHashMap<String, Object>();
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new ConfigException("(root)", "expected a mapping with the sections " + String.join(", ", SECTIONS));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) tree;
        List<ConfigError> errors = new ArrayList<>(env.apply(root));
        for (String key : root.keySet()) {
            if (!SECTIONS.contains(key)) {
                errors.add(new ConfigError(key, "unknown section (known: agent, output, pipeline, spool, checkpoint, metrics, sources)"));
            }
        }
        AgentSettings agent = section(root, "agent", AgentSettings.class, errors);
        PipelineConfig pipeline = section(root, "pipeline", PipelineConfig.class, errors);
        SpoolConfig spool = section(root, "spool", SpoolConfig.class, errors);
        CheckpointConfig checkpoint = section(root, "checkpoint", CheckpointConfig.class, errors);
        MetricsConfig metrics = section(root, "metrics", MetricsConfig.class, errors);
        OutputConfig output = output(root.get("output"), errors);
        List<SourceEntry> sources = sources(root.get("sources"), errors);
        if (agent != null) {
            errors.addAll(agent.validate());
        }
        if (pipeline != null) {
            errors.addAll(pipeline.validate());
        }
        if (spool != null) {
            errors.addAll(spool.validate());
        }
        if (checkpoint != null) {
            errors.addAll(checkpoint.validate());
        }
        if (output != null) {
            errors.addAll(output.validate());
        }
        if (metrics != null) {
            errors.addAll(metrics.validate());
        }
        return new Parsed(new AgentConfig(agent, output, pipeline, spool, checkpoint, metrics, sources), firstPerKey(errors));
    }

    /** One error per key: a failed env substitution, for example, need not also be reported as an empty value. */
    static List<ConfigError> firstPerKey(List<ConfigError> errors) {
        Map<String, ConfigError> byKey = new LinkedHashMap<>();
        for (ConfigError e : errors) {
            byKey.putIfAbsent(e.key(), e);
        }
        return List.copyOf(byKey.values());
    }

    private <T> T section(Map<String, Object> root, String name, Class<T> type, List<ConfigError> errors) {
        Object node = root.get(name);
        if (node != null && !(node instanceof Map<?, ?>)) {
            errors.add(new ConfigError(name, "expected a mapping (key: value)"));
            return null;
        }
        try {
            return mapper.bind(node, type, name);
        } catch (ConfigException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private OutputConfig output(Object node, List<ConfigError> errors) {
        if (node == null) {
            return OutputConfig.defaults();
        }
        if (!(node instanceof Map<?, ?> map)) {
            errors.add(new ConfigError("output", "expected a mapping (key: value)"));
            return null;
        }
        Map<String, Object> own = new LinkedHashMap<>();
        Map<String, String> passThrough = new LinkedHashMap<>();
        Set<String> producerKeys = ProducerConfig.configNames();
        int before = errors.size();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (OUTPUT_KEYS.contains(key)) {
                own.put(key, e.getValue());
            } else if (OutputConfig.AGENT_OWNED.contains(key)) {
                errors.add(new ConfigError("output." + key, "set by the agent (idempotent, acks=all; use the output keys"
                        + " compression, batch-size, linger, client-id instead)"));
            } else if (producerKeys.contains(key)) {
                if (e.getValue() != null && !(e.getValue() instanceof Scalar)) {
                    errors.add(new ConfigError("output." + key, "expected a single value"));
                } else {
                    passThrough.put(key, e.getValue() == null ? "" : ((Scalar) e.getValue()).text());
                }
            } else {
                errors.add(new ConfigError("output." + key, "unknown key (known: " + String.join(", ", OUTPUT_KEYS.stream().sorted().toList())
                        + ", or any Kafka producer property)"));
            }
        }
        // bootstrap.servers has a dot, so it cannot be a kebab-case record component name: map it.
        if (own.containsKey("bootstrap.servers")) {
            own.put("bootstrap-servers", own.remove("bootstrap.servers"));
        }
        try {
            OutputConfig bound = mapper.bind(own, OutputConfig.class, "output");
            return errors.size() > before ? null : new OutputConfig(bound.bootstrapServers(), bound.compression(), bound.batchSize(),
                    bound.linger(), bound.unreachableAfter(), bound.clientId(), passThrough);
        } catch (ConfigException e) {
            for (ConfigError err : e.errors()) {
                errors.add(err.key().equals("output.bootstrap-servers") ? new ConfigError("output.bootstrap.servers", err.reason()) : err);
            }
            return null;
        }
    }

    private List<SourceEntry> sources(Object node, List<ConfigError> errors) {
        List<SourceEntry> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (!(node instanceof List<?> list)) {
            errors.add(new ConfigError("sources", "expected a list of sources (- type: ...)"));
            return result;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "sources[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                errors.add(new ConfigError(path, "expected a mapping with at least 'type'"));
                continue;
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            item.forEach((k, v) -> settings.put(String.valueOf(k), v));
            String type = text(settings.remove("type"), path + ".type", errors);
            String id = text(settings.remove("id"), path + ".id", errors);
            String topic = text(settings.remove("topic"), path + ".topic", errors);
            if (type == null || type.isBlank()) {
                errors.add(new ConfigError(path + ".type", "required: the source plugin type, e.g. file-tail"));
                continue;
            }
            id = id == null || id.isBlank() ? type + "-" + i : id;
            topic = topic == null || topic.isBlank() ? type : topic;
            if (!ID.matcher(id).matches()) {
                errors.add(new ConfigError(path + ".id", "use 1-100 of A-Z a-z 0-9 . _ -, got '" + id + "'"));
            }
            if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                errors.add(new ConfigError(path + ".topic", "not a valid Kafka topic name (1-249 of A-Z a-z 0-9 . _ -): '" + topic + "'"));
            }
            Integer other = ids.putIfAbsent(id, i);
            if (other != null) {
                errors.add(new ConfigError(path + ".id", "duplicate id '" + id + "' (also sources[" + other + "])"));
            }
            result.add(new SourceEntry(i, type, id, topic, settings));
        }
        return result;
    }

    private static String text(Object node, String path, List<ConfigError> errors) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof Scalar s)) {
            errors.add(new ConfigError(path, "expected a string"));
            return null;
        }
        return s.text();
    }
}
