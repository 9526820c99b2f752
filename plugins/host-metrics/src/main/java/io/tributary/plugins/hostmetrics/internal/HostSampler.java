package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.HostMetricsConfig;
import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.spi.SystemInfoProvider;

/**
 * Takes one sample of every configured metric group. Rescans device lists before the first
 * sample, every {@code rescan-every} samples, and on the sample after a device vanished.
 *
 * <p>A group that fails (an OSHI read error on an unusual kernel) is logged once with the
 * reason and left out of that sample; the other groups go on, and a line says when it recovers.
 * Not thread-safe: used by the source's sampler thread only.
 */
public final class HostSampler {
    private final List<Collector> collectors;
    private final int rescanEvery;
    private final LongSupplier nanoTime;
    private final Logger log;
    private final Set<MetricGroup> failing = EnumSet.noneOf(MetricGroup.class);
    private int samplesSinceRescan;
    private boolean rescanNeeded = true;

    HostSampler(List<Collector> collectors, int rescanEvery, LongSupplier nanoTime, Logger log) {
        this.collectors = List.copyOf(collectors);
        this.rescanEvery = rescanEvery;
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /** A sampler reading this host through OSHI. Creating it loads OSHI but reads nothing yet. */
    public static HostSampler create(HostMetricsConfig config, Logger log) {
        SystemInfoProvider system = OshiSystems.create(config.provider());
        HardwareAbstractionLayer hal = system.getHardware();
        Set<MetricGroup> groups = config.metricGroups();
        List<Collector> collectors = new ArrayList<>();
        for (MetricGroup group : MetricGroup.values()) {
            if (!groups.contains(group)) {
                continue;
            }
            collectors.add(switch (group) {
                case CPU -> new CpuCollector(hal.getProcessor(), config.perCpu());
                case LOAD -> new LoadCollector(hal.getProcessor());
                case MEMORY -> new MemoryCollector(hal.getMemory());
                case SWAP -> new SwapCollector(hal.getMemory().getVirtualMemory());
                case DISKIO -> new DiskIoCollector(hal::getDiskStores,
                        new GlobFilter(config.disks(), config.excludeDisks()));
                case FILESYSTEM -> new FileSystemCollector(
                        () -> system.getOperatingSystem().getFileSystem().getFileStores(true),
                        new GlobFilter(config.mountPoints(), config.excludeMountPoints()),
                        new GlobFilter(config.fsTypes(), config.excludeFsTypes()));
                case NETWORK -> new NetworkCollector(() -> hal.getNetworkIFs(true),
                        new GlobFilter(config.interfaces(), config.excludeInterfaces()));
            });
        }
        return new HostSampler(collectors, config.rescanEvery(), System::nanoTime, log);
    }

    /** One sample of every group; counter rates are measured against the previous call. */
    public List<Sample> sample() {
        boolean rescan = rescanNeeded || samplesSinceRescan >= rescanEvery;
        if (rescan) {
            samplesSinceRescan = 0;
        }
        samplesSinceRescan++;
        rescanNeeded = false;
        List<Sample> out = new ArrayList<>();
        for (Collector collector : collectors) {
            try {
                if (rescan) {
                    collector.rescan();
                }
                if (!collector.collect(nanoTime.getAsLong(), out)) {
                    rescanNeeded = true;
                }
                if (failing.remove(collector.group())) {
                    log.info("host-metrics: {} sampling works again", collector.group().attributeValue());
                }
            } catch (RuntimeException e) {
                // OSHI reports odd platforms by unchecked exceptions; one group must not stop the rest.
                if (failing.add(collector.group())) {
                    log.warn("host-metrics: cannot sample {} ({}); left out until it works", collector.group()
                            .attributeValue(), e.toString());
                }
                rescanNeeded = true;
            }
        }
        return out;
    }
}
