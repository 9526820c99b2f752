package io.tributary.agent.internal.config;

import io.tributary.agent.internal.config.YamlTree.Scalar;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds a config tree ({@link YamlTree}) to typed records, agent sections and plugin configs
 * alike: kebab-case keys ({@code scanInterval} is {@code scan-interval}), unknown keys rejected
 * with the known ones listed, {@link Duration} ({@code 10s}), {@link DataSize} ({@code 10MiB}),
 * {@link Path}, enums case-insensitively with {@code -} for {@code _} ({@code copy-truncate}),
 * strings, numbers, booleans, {@code List}, {@code Map<String, ?>} and nested records. A key
 * left out is passed to the record's constructor as null (0 / false for primitives), so the
 * compact constructor applies its defaults; an exception it throws is reported at the record's
 * key path. Every problem is reported, each with its key path. Stateless and thread-safe.
 */
public final class ConfigMapper {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    /** Returned for a value that failed (and already added its error), so no record is built from it. */
    private static final Object INVALID = new Object();

    /**
     * Binds {@code node} (null = empty mapping) to the record {@code type}.
     *
     * @param prefix the key path of {@code node}, e.g. {@code sources[2]} or {@code agent}
     */
    public <T> T bind(Object node, Class<T> type, String prefix) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        Object value = convert(node == null ? Map.of() : node, type, prefix, errors);
        if (!errors.isEmpty()) { // every INVALID value added its error
            throw new ConfigException(errors);
        }
        return type.cast(value);
    }

    private Object convert(Object node, Type target, String path, List<ConfigError> errors) {
        Class<?> raw = rawClass(target);
        if (raw == Object.class) {
            return plain(node);
        }
        if (node instanceof Scalar s) {
            return scalar(s, raw, path, errors);
        }
        if (raw.isRecord()) {
            return node instanceof Map<?, ?> map ? record(map, raw, path, errors) : fail(errors, path, "expected " + describeType(raw));
        }
        if (List.class.isAssignableFrom(raw) && raw.isAssignableFrom(List.class)) {
            if (!(node instanceof List<?> list)) {
                return fail(errors, path, "expected a list");
            }
            Type item = typeArgument(target, 0);
            List<Object> out = new ArrayList<>(list.size());
            int before = errors.size();
            for (int i = 0; i < list.size(); i++) {
                Object v = list.get(i) == null ? null : convert(list.get(i), item, path + "[" + i + "]", errors);
                out.add(v);
            }
            return errors.size() > before ? INVALID : Collections.unmodifiableList(out);
        }
        if (Map.class.isAssignableFrom(raw) && raw.isAssignableFrom(LinkedHashMap.class)) {
            if (!(node instanceof Map<?, ?> map)) {
                return fail(errors, path, "expected a mapping (key: value)");
            }
            Type valueType = typeArgument(target, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            int before = errors.size();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.put(key, e.getValue() == null ? null : convert(e.getValue(), valueType, child(path, key), errors));
            }
            return errors.size() > before ? INVALID : Collections.unmodifiableMap(out);
        }
        return fail(errors, path, "expected " + describeType(raw));
    }

    private Object record(Map<?, ?> map, Class<?> type, String path, List<ConfigError> errors) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            byKey.put(kebab(c.getName()), c);
        }
        int before = errors.size();
        for (Object key : map.keySet()) {
            if (!byKey.containsKey(String.valueOf(key))) {
                errors.add(new ConfigError(child(path, String.valueOf(key)), "unknown key (known keys: "
                        + byKey.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")"));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String key = kebab(c.getName());
            Object node = map.get(key);
            if (node == null) {
                if (map.containsKey(key) && c.getType().isPrimitive()) {
                    errors.add(new ConfigError(child(path, key), "expected " + describeType(c.getType())));
                }
                args[i] = c.getType().isPrimitive() ? primitiveDefault(c.getType()) : null;
            } else {
                args[i] = convert(node, c.getGenericType(), child(path, key), errors);
            }
        }
        if (errors.size() > before) {
            return INVALID;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            return fail(errors, path, reason);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return fail(errors, path, "cannot create " + type.getSimpleName() + ": " + e);
        }
    }

    private Object scalar(Scalar s, Class<?> type, String path, List<ConfigError> errors) {
        String text = s.text().trim();
        try {
            if (type == String.class) {
                return s.text();
            }
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                long n;
                try {
                    n = Long.parseLong(s.kind() == Scalar.Kind.INT ? text.replace("_", "") : text);
                } catch (NumberFormatException e) {
                    return fail(errors, path, "'" + s.text() + "' is not " + describeType(type));
                }
                if ((type == int.class || type == Integer.class) && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                    return fail(errors, path, "'" + s.text() + "' is out of range (at most " + Integer.MAX_VALUE + ")");
                }
                return type == int.class || type == Integer.class ? (Object) (int) n : (Object) n;
            }
            if (type == double.class || type == Double.class) {
                try {
                    return Double.parseDouble(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    return fail(errors, path, "'" + s.text() + "' is not a number");
                }
            }
            if (type == boolean.class || type == Boolean.class) {
                Boolean b = s.kind() == Scalar.Kind.BOOL ? yamlBoolean(text)
                        : text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                return b != null ? b : fail(errors, path, "'" + s.text() + "' is not true or false");
            }
            if (type == Duration.class) {
                if (s.kind() == Scalar.Kind.INT) {
                    return fail(errors, path, "a duration needs a unit: " + text + "s, " + text + "ms, ...");
                }
                return parseDuration(text);
            }
            if (type == DataSize.class) {
                return DataSize.parse(text);
            }
            if (type == Path.class) {
                if (text.isEmpty()) {
                    return fail(errors, path, "an empty path");
                }
                try {
                    return Path.of(s.text());
                } catch (RuntimeException e) {
                    return fail(errors, path, "not a path: '" + s.text() + "'");
                }
            }
            if (type.isEnum()) {
                String name = text.replace('-', '_');
                for (Object c : type.getEnumConstants()) {
                    if (((Enum<?>) c).name().equalsIgnoreCase(name)) {
                        return c;
                    }
                }
                return fail(errors, path, "'" + s.text() + "' is not " + describeType(type));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            return fail(errors, path, e.getMessage());
        }
        return fail(errors, path, "expected " + describeType(type));
    }

    /** The tree as plain Java values (String, Long, Double, Boolean, Map, List), for {@code Object} targets. */
    static Object plain(Object node) {
        if (node instanceof Scalar s) {
            return s.plain();
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(plain(item))); // a YAML ~ in a list stays a null item
            return Collections.unmodifiableList(out);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return Collections.unmodifiableMap(out);
        }
        return node;
    }

    /** YAML 1.1 booleans as SnakeYAML resolves them: true/yes/on and false/no/off, any case. */
    static Boolean yamlBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on" -> Boolean.TRUE;
            case "false", "no", "n", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Object fail(List<ConfigError> errors, String path, String reason) {
        errors.add(new ConfigError(where(path), reason));
        return INVALID;
    }

    private static String where(String path) {
        return path.isEmpty() ? "(root)" : path;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code scanInterval} → {@code scan-interval}, {@code s3Bucket} → {@code s3-bucket}. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(name.charAt(i - 1)) && name.charAt(i - 1) != '-') {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return rawClass(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        throw new IllegalArgumentException("unsupported config type " + type);
    }

    static String describeType(Class<?> type) {
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
        if (type == Duration.class) {
            return "a duration (e.g. 500ms, 10s, 5m)";
        }
        if (type == DataSize.class) {
            return "a size (e.g. 512KiB, 10MiB)";
        }
        if (type == Path.class) {
            return "a path";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
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
}
