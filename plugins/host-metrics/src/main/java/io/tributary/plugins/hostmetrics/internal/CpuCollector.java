package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * CPU time as fractions (0..1) of the time elapsed since the previous sample, computed from the
 * kernel's tick counters: {@code cpu=cpu-total} for all logical CPUs together and, if enabled,
 * {@code cpu=cpu0}, {@code cpu1}, ... Fields: {@code user}, {@code nice}, {@code system},
 * {@code idle}, {@code iowait}, {@code irq}, {@code softirq}, {@code steal} and {@code usage}
 * (everything but idle and iowait). The first call only records the baseline.
 */
final class CpuCollector implements Collector {
    private static final TickType[] TICKS = TickType.values();

    private final CentralProcessor processor;
    private final boolean perCpu;
    private long[] previousTotal;
    private long[][] previousPerCpu;

    CpuCollector(CentralProcessor processor, boolean perCpu) {
        this.processor = processor;
        this.perCpu = perCpu;
    }

    @Override
    public MetricGroup group() {
        return MetricGroup.CPU;
    }

    @Override
    public boolean collect(long nanos, List<Sample> out) {
        long[] total = processor.getSystemCpuLoadTicks();
        addSample("cpu-total", previousTotal, total, out);
        previousTotal = total;
        if (perCpu) {
            long[][] cpus = processor.getProcessorCpuLoadTicks();
            for (int i = 0; i < cpus.length; i++) {
                long[] before = previousPerCpu != null && i < previousPerCpu.length ? previousPerCpu[i] : null;
                addSample("cpu" + i, before, cpus[i], out);
            }
            previousPerCpu = cpus;
        }
        return true;
    }

    private void addSample(String cpu, long[] before, long[] now, List<Sample> out) {
        Map<String, Object> fractions = fractions(before, now);
        if (!fractions.isEmpty()) {
            out.add(new Sample(MetricGroup.CPU, Map.of("cpu", cpu), fractions));
        }
    }

    /**
     * The share of each tick type in the ticks that elapsed between two readings; empty when
     * there is no earlier reading or no tick elapsed (or the counters went backwards).
     */
    static Map<String, Object> fractions(long[] before, long[] now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (before == null || before.length != now.length) {
            return fields;
        }
        long[] delta = new long[now.length];
        long sum = 0;
        for (int i = 0; i < now.length; i++) {
            delta[i] = Math.max(0, now[i] - before[i]);
            sum += delta[i];
        }
        if (sum <= 0) {
            return fields;
        }
        for (TickType type : TICKS) {
            fields.put(type.name().toLowerCase(java.util.Locale.ROOT), (double) delta[type.getIndex()] / sum);
        }
        long idle = delta[TickType.IDLE.getIndex()] + delta[TickType.IOWAIT.getIndex()];
        fields.put("usage", (double) (sum - idle) / sum);
        return fields;
    }
}
