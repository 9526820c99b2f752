package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.List;

/**
 * Samples one {@link MetricGroup}. Called from one sampler thread only.
 *
 * <ol>
 *   <li>{@link #rescan()} lists the instances to read (disks, mounts, interfaces), which is the
 *       expensive part of OSHI; the sampler calls it before the first sample and then every
 *       {@code rescan-every} samples, or sooner when {@link #collect} reports an instance gone.</li>
 *   <li>{@link #collect} reads the current figures of the known instances: cheap procfs/sysfs
 *       reads and statvfs calls.</li>
 * </ol>
 */
interface Collector {
    MetricGroup group();

    /** Re-lists the instances; a no-op for fixed groups (memory, load). */
    default void rescan() {
    }

    /**
     * Appends this group's samples, with counter rates measured against the previous call.
     *
     * @param nanos monotonic time of this reading ({@link System#nanoTime()} scale)
     * @return {@code false} if an instance vanished and the list should be rescanned
     */
    boolean collect(long nanos, List<Sample> out);
}
