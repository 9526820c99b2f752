package io.tributary.plugin.api.testkit;

import io.tributary.plugin.api.ConfigDoc;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Checks on a plugin's configuration record, for a plugin's own tests. */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /**
     * The components of {@code configType} (a record), and of nested records, that lack a
     * {@link ConfigDoc}; dotted names. Empty means every key is documented.
     */
    public static List<String> undocumented(Class<?> configType) {
        List<String> missing = new ArrayList<>();
        collect(configType, "", missing);
        return missing;
    }

    private static void collect(Class<?> type, String prefix, List<String> missing) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + c.getName();
            if (c.getAnnotation(ConfigDoc.class) == null) {
                missing.add(name);
            }
            if (c.getType().isRecord() && c.getType() != io.tributary.plugin.api.DataSize.class) {
                collect(c.getType(), name + ".", missing);
            }
        }
    }
}
