package io.tributary.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code --config key=value} style options; a missing '=' is bad usage. */
final class KeyValueOptions {
    private KeyValueOptions() {
    }

    static Map<String, String> parse(String option, List<String> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage(option + " expects key=value, got '" + value + "'");
            }
            map.put(value.substring(0, eq).strip(), value.substring(eq + 1));
        }
        return map;
    }
}
