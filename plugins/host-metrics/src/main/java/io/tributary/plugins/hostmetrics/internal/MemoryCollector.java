package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.GlobalMemory;

/**
 * Physical memory: {@code total_bytes}, {@code available_bytes} (what can be given to programs
 * without swapping, the kernel's MemAvailable), {@code used_bytes} (total - available) and
 * {@code used_ratio} (0..1).
 */
final class MemoryCollector implements Collector {
    private final GlobalMemory memory;

    MemoryCollector(GlobalMemory memory) {
        this.memory = memory;
    }

    @Override
    public MetricGroup group() {
        return MetricGroup.MEMORY;
    }

    @Override
    public boolean collect(long nanos, List<Sample> out) {
        long total = memory.getTotal();
        long available = Math.min(memory.getAvailable(), total);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("total_bytes", total);
        fields.put("available_bytes", available);
        fields.put("used_bytes", total - available);
        if (total > 0) {
            fields.put("used_ratio", (double) (total - available) / total);
        }
        out.add(new Sample(MetricGroup.MEMORY, Map.of(), fields));
        return true;
    }
}
