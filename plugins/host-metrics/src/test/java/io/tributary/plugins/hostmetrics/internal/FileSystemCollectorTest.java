package io.tributary.plugins.hostmetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.software.os.OSFileStore;

/** Mount filtering and space figures, on listed "mounts" that are real directories and files of this test. */
class FileSystemCollectorTest {
    @TempDir
    Path dir;

    private static OSFileStore store(String mount, String type, String volume) {
        return (OSFileStore) Proxy.newProxyInstance(OSFileStore.class.getClassLoader(),
                new Class<?>[] {OSFileStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMount" -> mount;
                    case "getType" -> type;
                    case "getVolume" -> volume;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void reportsDirectoriesThatPassTheFiltersAndSkipsBindMountedFiles() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        List<OSFileStore> listed = List.of(
                store(data.toString(), "ext4", "/dev/sda1"),
                store(scratch.toString(), "tmpfs", "tmpfs"),
                store(hosts.toString(), "ext4", "/dev/sda1"),
                store(dir.resolve("gone").toString(), "ext4", "/dev/sdb1"),
                store(data.toString(), "ext4", "/dev/sda1"));
        FileSystemCollector collector = new FileSystemCollector(() -> listed,
                new GlobFilter(List.of(), List.of()), new GlobFilter(List.of(), List.of("tmpfs")));
        collector.rescan();
        List<Sample> out = new ArrayList<>();
        assertThat(collector.collect(0, out)).isTrue();

        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.group()).isEqualTo(MetricGroup.FILESYSTEM);
            assertThat(s.tags()).isEqualTo(Map.of("mount", data.toString(), "fstype", "ext4", "device", "/dev/sda1"));
            long total = (Long) s.fields().get("total_bytes");
            long used = (Long) s.fields().get("used_bytes");
            long free = (Long) s.fields().get("free_bytes");
            assertThat(total).isPositive();
            assertThat(used + free).isLessThanOrEqualTo(total);
            assertThat((Double) s.fields().get("used_ratio")).isBetween(0.0, 1.0);
        });
    }

    @Test
    void mountPointGlobsSelect() throws Exception {
        Path a = Files.createDirectories(dir.resolve("srv/a"));
        Path b = Files.createDirectories(dir.resolve("var/b"));
        FileSystemCollector collector = new FileSystemCollector(
                () -> List.of(store(a.toString(), "xfs", "/dev/a"), store(b.toString(), "xfs", "/dev/b")),
                new GlobFilter(List.of(dir + "/srv/*"), List.of()), new GlobFilter(List.of(), List.of()));
        collector.rescan();
        List<Sample> out = new ArrayList<>();
        collector.collect(0, out);
        assertThat(out).extracting(s -> s.tags().get("mount")).containsExactly(a.toString());
    }
}
