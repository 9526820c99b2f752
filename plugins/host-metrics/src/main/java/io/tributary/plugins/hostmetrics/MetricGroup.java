package io.tributary.plugins.hostmetrics;

/**
 * The groups of metrics a host-metrics source can sample; each becomes events whose
 * {@code metric} attribute is the group's {@linkplain #attributeValue() name}.
 */
public enum MetricGroup {
    /** CPU time fractions from tick deltas, for all CPUs together and per logical CPU. */
    CPU("cpu"),
    /** 1, 5 and 15 minute load averages and the number of logical CPUs. */
    LOAD("load"),
    /** Physical memory. */
    MEMORY("memory"),
    /** Swap space and paging rates. */
    SWAP("swap"),
    /** Per-disk I/O counters and rates. */
    DISKIO("diskio"),
    /** Per-file-system space usage. */
    FILESYSTEM("filesystem"),
    /** Per-interface network counters and rates. */
    NETWORK("network");

    private final String attributeValue;

    MetricGroup(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The value of the {@code metric} attribute of this group's events, e.g. {@code diskio}. */
    public String attributeValue() {
        return attributeValue;
    }
}
