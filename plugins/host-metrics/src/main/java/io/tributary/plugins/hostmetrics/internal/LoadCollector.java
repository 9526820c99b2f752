package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.CentralProcessor;

/**
 * Load averages: {@code load1}, {@code load5}, {@code load15} (left out where the OS has none,
 * e.g. Windows) and {@code n_cpus}, the logical CPU count to compare them with.
 */
final class LoadCollector implements Collector {
    private static final String[] NAMES = {"load1", "load5", "load15"};
    private final CentralProcessor processor;

    LoadCollector(CentralProcessor processor) {
        this.processor = processor;
    }

    @Override
    public MetricGroup group() {
        return MetricGroup.LOAD;
    }

    @Override
    public boolean collect(long nanos, List<Sample> out) {
        double[] load = processor.getSystemLoadAverage(3);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < load.length && i < NAMES.length; i++) {
            if (load[i] >= 0) {
                fields.put(NAMES[i], load[i]);
            }
        }
        fields.put("n_cpus", (long) processor.getLogicalProcessorCount());
        out.add(new Sample(MetricGroup.LOAD, Map.of(), fields));
        return true;
    }
}
