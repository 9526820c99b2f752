package io.tributary.agent.internal.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Jackson setup that binds config trees to typed records (agent sections and plugin
 * configs alike): kebab-case keys, unknown keys rejected, lenient {@link Duration}
 * ({@code 10s}), {@link DataSize} ({@code 10MiB}), enums ({@code copy-truncate}), and
 * {@link #bind} turning Jackson's exceptions into {@link ConfigError}s with key paths.
 * Thread-safe once built.
 */
public final class ConfigMapper {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private final ObjectMapper mapper;

    public ConfigMapper() {
        SimpleModule module = new SimpleModule("tributary-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addDeserializer(DataSize.class, new DataSizeDeserializer());
        module.addDeserializer(Path.class, new PathDeserializer());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new LenientEnumDeserializer(type.getRawClass());
            }
        });
        mapper = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // A key given twice is a mistake to report, not a silent "last one wins".
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .addModule(module)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Binds {@code node} (null = empty) to {@code type}.
     *
     * @param prefix the key path of {@code node}, e.g. {@code sources[2]} or {@code agent}
     */
    public <T> T bind(JsonNode node, Class<T> type, String prefix) throws ConfigException {
        JsonNode tree = node == null || node.isNull() ? mapper.createObjectNode() : node;
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(everyError(tree, type, prefix, describe(e, prefix)));
        } catch (IOException e) {
            throw new ConfigException(prefix, e.getMessage());
        }
    }

    /**
     * Jackson stops at the first problem; to report them all, bind each key of the mapping on its
     * own (only on the error path, so it costs nothing for a good config).
     */
    private List<ConfigError> everyError(JsonNode tree, Class<?> type, String prefix, ConfigError first) {
        if (!tree.isObject() || tree.size() < 2) {
            return List.of(first);
        }
        Map<String, ConfigError> byKey = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            ObjectNode single = mapper.createObjectNode();
            single.set(field.getKey(), field.getValue());
            try {
                mapper.treeToValue(single, type);
            } catch (JsonMappingException e) {
                ConfigError err = describe(e, prefix);
                byKey.putIfAbsent(err.key(), err);
            } catch (IOException | RuntimeException e) {
                // Reported through the first error below if nothing more specific shows up.
            }
        }
        return byKey.isEmpty() ? List.of(first) : new ArrayList<>(byKey.values());
    }

    static ConfigError describe(JsonMappingException e, String prefix) {
        StringBuilder path = new StringBuilder(prefix);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return new ConfigError(path.isEmpty() ? "(root)" : path.toString(), reason(e));
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown key" + (known.isEmpty() ? "" : " (known keys: " + known + ")");
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && !isOurs(f)) {
            return "'" + f.getValue() + "' is not " + describeType(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && !isOurs(m)) {
            return "expected " + describeType(m.getTargetType());
        }
        String msg = e.getOriginalMessage();
        if (isOurs(e)) {
            return msg.substring(1);
        }
        int nl = msg == null ? -1 : msg.indexOf('\n');
        return msg == null ? e.getClass().getSimpleName() : nl < 0 ? msg : msg.substring(0, nl);
    }

    /** Our own deserializers mark their messages (already user-ready) with a leading '!'. */
    private static boolean isOurs(JsonMappingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("!");
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping (key: value)";
        }
        return "a " + type.getSimpleName();
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT10S}). */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 10s, 5m, 1h)");
        }
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                throw JsonMappingException.from(p, "!a duration needs a unit: " + p.getText() + "s, " + p.getText() + "ms, ...");
            }
            try {
                return parseDuration(p.getValueAsString(""));
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, "!" + e.getMessage());
            }
        }
    }

    private static final class DataSizeDeserializer extends StdScalarDeserializer<DataSize> {
        DataSizeDeserializer() {
            super(DataSize.class);
        }

        @Override
        public DataSize deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return DataSize.parse(p.getValueAsString(""));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw JsonMappingException.from(p, "!" + e.getMessage());
            }
        }
    }

    private static final class PathDeserializer extends StdScalarDeserializer<Path> {
        PathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString("");
            if (text.isBlank()) {
                throw JsonMappingException.from(p, "!an empty path");
            }
            try {
                return Path.of(text);
            } catch (RuntimeException e) {
                throw JsonMappingException.from(p, "!not a path: '" + text + "'");
            }
        }
    }

    /** Matches enum constants case-insensitively with {@code -} and {@code _} alike. */
    private static final class LenientEnumDeserializer extends StdScalarDeserializer<Object> {
        private final Class<?> type;

        LenientEnumDeserializer(Class<?> type) {
            super(type);
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString("").trim().replace('-', '_');
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(text)) {
                    return c;
                }
            }
            throw JsonMappingException.from(p, "!'" + p.getValueAsString("") + "' is not " + describeType(type));
        }
    }
}
