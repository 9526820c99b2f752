package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.Map;

/**
 * One measured thing at one moment: a metric group, the tags that say which instance it is
 * (e.g. {@code disk=sda}) and its typed fields ({@link Long} counts and bytes, {@link Double}
 * ratios and rates). Becomes one event.
 */
public record Sample(MetricGroup group, Map<String, String> tags, Map<String, Object> fields) {
    public Sample {
        tags = Map.copyOf(tags);
        // Keep the collector's insertion order: the event JSON lists fields in it.
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}
