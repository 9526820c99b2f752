package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import oshi.hardware.HWDiskStore;

/**
 * Per-disk I/O, tagged {@code disk=<device name without /dev/>}. Counters since boot:
 * {@code reads}, {@code writes}, {@code read_bytes}, {@code write_bytes}; from the second sample
 * on their rates {@code reads_per_sec}, {@code writes_per_sec}, {@code read_bytes_per_sec},
 * {@code write_bytes_per_sec} and {@code busy_ratio}, the share of time the disk had I/O in
 * flight (iostat's %util / 100); {@code queue_length}, the requests in flight now.
 */
final class DiskIoCollector implements Collector {
    private final Supplier<List<HWDiskStore>> lister;
    private final GlobFilter names;
    private final RateTracker rates = new RateTracker();
    private List<HWDiskStore> disks = List.of();

    DiskIoCollector(Supplier<List<HWDiskStore>> lister, GlobFilter names) {
        this.lister = lister;
        this.names = names;
    }

    static String shortName(String device) {
        return device.startsWith("/dev/") ? device.substring("/dev/".length()) : device;
    }

    @Override
    public MetricGroup group() {
        return MetricGroup.DISKIO;
    }

    @Override
    public void rescan() {
        List<HWDiskStore> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HWDiskStore disk : lister.get()) {
            String name = shortName(disk.getName());
            if (names.accepts(name) && seen.add(name)) {
                found.add(disk);
            }
        }
        disks = found;
        rates.retainOnly(seen);
    }

    @Override
    public boolean collect(long nanos, List<Sample> out) {
        boolean allThere = true;
        for (HWDiskStore disk : disks) {
            // Listing already read the counters, so the first sample after a rescan reads them anew too.
            if (!disk.updateAttributes()) {
                allThere = false;
                continue;
            }
            String name = shortName(disk.getName());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("reads", disk.getReads());
            fields.put("writes", disk.getWrites());
            fields.put("read_bytes", disk.getReadBytes());
            fields.put("write_bytes", disk.getWriteBytes());
            fields.put("queue_length", disk.getCurrentQueueLength());
            double[] r = rates.rates(name, nanos, disk.getReads(), disk.getWrites(), disk.getReadBytes(),
                    disk.getWriteBytes(), disk.getTransferTime());
            Rates.put(fields, r, "reads_per_sec", "writes_per_sec", "read_bytes_per_sec", "write_bytes_per_sec");
            if (r != null && !Double.isNaN(r[4])) {
                // transfer time is in ms; ms of I/O per second of wall time / 1000 = busy fraction.
                fields.put("busy_ratio", Math.min(1.0, r[4] / 1000.0));
            }
            out.add(new Sample(MetricGroup.DISKIO, Map.of("disk", name), fields));
        }
        return allThere;
    }
}
