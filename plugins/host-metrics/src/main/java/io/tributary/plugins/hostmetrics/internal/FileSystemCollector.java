package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import oshi.software.os.OSFileStore;

/**
 * Space usage of local file systems, tagged {@code mount}, {@code fstype} and {@code device}:
 * {@code total_bytes}, {@code used_bytes} (total - free blocks), {@code free_bytes} (available
 * to unprivileged users) and {@code used_ratio} = used / (used + free), as {@code df} computes
 * "Use%" (reserved blocks count as neither).
 *
 * <p>Why two APIs: listing mounts through OSHI (parsing the mount table, resolving volumes and
 * UUIDs) is most of a full OSHI sample's cost, so it happens only on {@link #rescan()}. Each
 * sample then reads space with one {@code statvfs} per mount through the JDK's {@link FileStore}
 * bound at rescan time, which also works with OSHI's native-free provider. Only local file
 * systems are listed: a statvfs on a hung network mount would block the sampler. Mount points
 * that are files, not directories (bind-mounted single files), are skipped.
 */
final class FileSystemCollector implements Collector {
    private record Mount(String mount, String type, String device, FileStore store) {
    }

    private final Supplier<List<OSFileStore>> lister;
    private final GlobFilter mounts;
    private final GlobFilter types;
    private List<Mount> known = List.of();

    FileSystemCollector(Supplier<List<OSFileStore>> lister, GlobFilter mounts, GlobFilter types) {
        this.lister = lister;
        this.mounts = mounts;
        this.types = types;
    }

    @Override
    public MetricGroup group() {
        return MetricGroup.FILESYSTEM;
    }

    @Override
    public void rescan() {
        List<Mount> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (OSFileStore fs : lister.get()) {
            String mount = fs.getMount();
            if (!mounts.accepts(mount) || !types.accepts(fs.getType()) || !seen.add(mount)) {
                continue;
            }
            try {
                Path path = Path.of(mount);
                if (!Files.isDirectory(path)) {
                    // A bind-mounted single file (a container's /etc/hosts) repeats its file system's figures.
                    continue;
                }
                found.add(new Mount(mount, fs.getType(), fs.getVolume(), Files.getFileStore(path)));
            } catch (IOException | InvalidPathException | SecurityException e) {
                // Unmounted since it was listed, or not ours to stat: simply not reported.
                continue;
            }
        }
        known = found;
    }

    @Override
    public boolean collect(long nanos, List<Sample> out) {
        boolean allThere = true;
        for (Mount m : known) {
            long total;
            long free;
            long unallocated;
            try {
                total = m.store.getTotalSpace();
                free = m.store.getUsableSpace();
                unallocated = m.store.getUnallocatedSpace();
            } catch (IOException e) {
                allThere = false;
                continue;
            }
            long used = Math.max(0, total - unallocated);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("total_bytes", total);
            fields.put("used_bytes", used);
            fields.put("free_bytes", free);
            if (used + free > 0) {
                fields.put("used_ratio", (double) used / (used + free));
            }
            out.add(new Sample(MetricGroup.FILESYSTEM,
                    Map.of("mount", m.mount, "fstype", m.type, "device", m.device), fields));
        }
        return allThere;
    }
}
