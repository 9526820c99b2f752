package io.tributary.plugins.hostmetrics;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of a {@code host-metrics} source: one YAML source entry, keys in kebab-case.
 * A key left out gets its default (the compact constructor fills them in), so a config built
 * in Java by a test behaves like one read from YAML. Name lists take globs: {@code *} matches
 * any run of characters (also {@code /}), {@code ?} one character. An empty include list means
 * "everything not excluded"; setting an exclude list replaces its default.
 */
public record HostMetricsConfig(
        @ConfigDoc(value = "How often to sample; samples are aligned to multiples of it (10s: at :00, :10, ...). At least 1s.",
                defaultValue = "10s")
        Duration interval,
        @ConfigDoc(value = "Metric groups to sample: cpu, load, memory, swap, diskio, filesystem, network.",
                defaultValue = "[cpu, load, memory, swap, diskio, filesystem, network]")
        List<MetricGroup> metrics,
        @ConfigDoc(value = "Also emit one cpu event per logical CPU (cpu=cpu0, cpu1, ...) besides cpu=cpu-total.",
                defaultValue = "true")
        Boolean perCpu,
        @ConfigDoc(value = "Disk device names to report (globs, e.g. sd*, nvme0n1); empty = all.", defaultValue = "[]")
        List<String> disks,
        @ConfigDoc(value = "Disk device names not to report (globs).", defaultValue = "[]")
        List<String> excludeDisks,
        @ConfigDoc(value = "Mount points to report (globs, e.g. /, /data*); empty = all local file systems.",
                defaultValue = "[]")
        List<String> mountPoints,
        @ConfigDoc(value = "Mount points not to report (globs).", defaultValue = "[]")
        List<String> excludeMountPoints,
        @ConfigDoc(value = "File system types to report (e.g. ext4, xfs); empty = all not excluded.", defaultValue = "[]")
        List<String> fsTypes,
        @ConfigDoc(value = "File system types not to report; the default skips pseudo and in-memory file systems.",
                defaultValue = "[tmpfs, devtmpfs, overlay, squashfs, ...] (see README)")
        List<String> excludeFsTypes,
        @ConfigDoc(value = "Network interfaces to report (globs, e.g. eth*, ens3); empty = all not excluded.",
                defaultValue = "[]")
        List<String> interfaces,
        @ConfigDoc(value = "Network interfaces not to report (globs).", defaultValue = "[lo]")
        List<String> excludeInterfaces,
        @ConfigDoc(value = "Re-list disks, file systems and interfaces every N samples (new ones show up within N intervals); 1 = every sample.",
                defaultValue = "6")
        Integer rescanEvery,
        @ConfigDoc(value = "OSHI implementation: auto (native-free on Linux, jna elsewhere), native-free (Linux only) or jna.",
                defaultValue = "auto")
        OshiProvider provider) {

    /** Pseudo, in-memory and read-only image file systems: what Telegraf and Metricbeat skip by default. */
    public static final List<String> DEFAULT_EXCLUDED_FS_TYPES = List.of(
            "tmpfs", "devtmpfs", "devfs", "ramfs", "overlay", "aufs", "squashfs", "iso9660", "udf",
            "proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue", "debugfs", "tracefs", "securityfs",
            "pstore", "bpf", "autofs", "configfs", "fusectl", "hugetlbfs", "nsfs", "rpc_pipefs",
            "binfmt_misc", "efivarfs", "fuse.lxcfs", "fuse.portal", "fuse.gvfsd-fuse", "selinuxfs");

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public HostMetricsConfig {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        metrics = metrics == null ? List.of(MetricGroup.values()) : copy(metrics);
        perCpu = perCpu == null ? Boolean.TRUE : perCpu;
        disks = orEmpty(disks);
        excludeDisks = orEmpty(excludeDisks);
        mountPoints = orEmpty(mountPoints);
        excludeMountPoints = orEmpty(excludeMountPoints);
        fsTypes = orEmpty(fsTypes);
        excludeFsTypes = excludeFsTypes == null ? DEFAULT_EXCLUDED_FS_TYPES : copy(excludeFsTypes);
        interfaces = orEmpty(interfaces);
        excludeInterfaces = excludeInterfaces == null ? List.of("lo") : copy(excludeInterfaces);
        rescanEvery = rescanEvery == null ? 6 : rescanEvery;
        provider = provider == null ? OshiProvider.AUTO : provider;
    }

    /** Every default. */
    public static HostMetricsConfig defaults() {
        return new HostMetricsConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A copy with another interval (for tests and the benchmark). */
    public HostMetricsConfig withInterval(Duration newInterval) {
        return new HostMetricsConfig(newInterval, metrics, perCpu, disks, excludeDisks, mountPoints,
                excludeMountPoints, fsTypes, excludeFsTypes, interfaces, excludeInterfaces, rescanEvery, provider);
    }

    /** A copy with another rescan period (for tests and the benchmark). */
    public HostMetricsConfig withRescanEvery(int samples) {
        return new HostMetricsConfig(interval, metrics, perCpu, disks, excludeDisks, mountPoints,
                excludeMountPoints, fsTypes, excludeFsTypes, interfaces, excludeInterfaces, samples, provider);
    }

    /** The sampled groups as a set. */
    public Set<MetricGroup> metricGroups() {
        return metrics.isEmpty() ? EnumSet.noneOf(MetricGroup.class) : EnumSet.copyOf(metrics);
    }

    /** Every problem, with key paths relative to the source entry. */
    public List<ConfigError> validate() {
        List<ConfigError> errors = new ArrayList<>();
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            errors.add(new ConfigError("interval", "must be at least 1s, got " + interval));
        }
        if (metrics.isEmpty()) {
            errors.add(new ConfigError("metrics", "must name at least one group ("
                    + String.join(", ", groupNames()) + ")"));
        }
        for (int i = 0; i < metrics.size(); i++) {
            if (metrics.get(i) == null) {
                errors.add(new ConfigError("metrics[" + i + "]", "must be one of " + String.join(", ", groupNames())));
            }
        }
        if (rescanEvery < 1) {
            errors.add(new ConfigError("rescan-every", "must be >= 1 (samples), got " + rescanEvery));
        }
        checkNames("disks", disks, errors);
        checkNames("exclude-disks", excludeDisks, errors);
        checkNames("mount-points", mountPoints, errors);
        checkNames("exclude-mount-points", excludeMountPoints, errors);
        checkNames("fs-types", fsTypes, errors);
        checkNames("exclude-fs-types", excludeFsTypes, errors);
        checkNames("interfaces", interfaces, errors);
        checkNames("exclude-interfaces", excludeInterfaces, errors);
        return errors;
    }

    private static void checkNames(String key, List<String> names, List<ConfigError> errors) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                errors.add(new ConfigError(key + "[" + i + "]", "must be a non-empty name or glob"));
            }
        }
    }

    private static List<String> groupNames() {
        List<String> names = new ArrayList<>();
        for (MetricGroup g : MetricGroup.values()) {
            names.add(g.attributeValue());
        }
        return names;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : copy(list);
    }

    // List.copyOf rejects null elements; keep them so validate() can name the bad index.
    private static <T> List<T> copy(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
