package io.tributary.agent.internal.config;

import io.tributary.agent.internal.config.YamlTree.Scalar;
import io.tributary.plugin.api.ConfigError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in every string value of a config tree
 * with the environment variable (the default when it is unset or empty); {@code $${} is a
 * literal {@code ${}. A variable that is unset and has no default is an error naming the key.
 */
public final class EnvSubstitution {
    private static final Pattern VAR = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Function<String, String> env;

    public EnvSubstitution(Function<String, String> env) {
        this.env = env;
    }

    public static EnvSubstitution system() {
        return new EnvSubstitution(System::getenv);
    }

    public static EnvSubstitution of(Map<String, String> vars) {
        return new EnvSubstitution(vars::get);
    }

    /** Substitutes in place in a {@link YamlTree} (string values only); returns the problems (empty if none). */
    public List<ConfigError> apply(Object root) {
        List<ConfigError> errors = new ArrayList<>();
        walk(root, "", errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private void walk(Object node, String path, List<ConfigError> errors) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue() instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
                    e.setValue(Scalar.string(substitute(s.text(), child, errors)));
                } else {
                    walk(e.getValue(), child, errors);
                }
            }
        } else if (node instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                if (items.get(i) instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
                    items.set(i, Scalar.string(substitute(s.text(), child, errors)));
                } else {
                    walk(items.get(i), child, errors);
                }
            }
        }
    }

    String substitute(String text, String path, List<ConfigError> errors) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "${";
            } else {
                String value = env.apply(m.group(1));
                if (value != null && !value.isEmpty()) {
                    replacement = value;
                } else if (m.group(2) != null) {
                    replacement = m.group(3);
                } else {
                    errors.add(new ConfigError(path, "environment variable " + m.group(1)
                            + " is not set (write ${" + m.group(1) + ":-default} to give a default)"));
                    replacement = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
