package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.VirtualMemory;

/**
 * Swap space: {@code total_bytes}, {@code used_bytes}, {@code free_bytes}, {@code used_ratio}
 * (left out when there is no swap), and paging counters {@code pages_in}, {@code pages_out} with
 * their rates {@code pages_in_per_sec}, {@code pages_out_per_sec} from the second sample on.
 */
final class SwapCollector implements Collector {
    private final VirtualMemory swap;
    private final RateTracker rates = new RateTracker();

    SwapCollector(VirtualMemory swap) {
        this.swap = swap;
    }

    @Override
    public MetricGroup group() {
        return MetricGroup.SWAP;
    }

    @Override
    public boolean collect(long nanos, List<Sample> out) {
        long total = swap.getSwapTotal();
        long used = Math.min(swap.getSwapUsed(), total);
        long pagesIn = swap.getSwapPagesIn();
        long pagesOut = swap.getSwapPagesOut();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("total_bytes", total);
        fields.put("used_bytes", used);
        fields.put("free_bytes", total - used);
        if (total > 0) {
            fields.put("used_ratio", (double) used / total);
        }
        fields.put("pages_in", pagesIn);
        fields.put("pages_out", pagesOut);
        Rates.put(fields, rates.rates("swap", nanos, pagesIn, pagesOut), "pages_in_per_sec", "pages_out_per_sec");
        out.add(new Sample(MetricGroup.SWAP, Map.of(), fields));
        return true;
    }
}
