package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The watch's own bounds, on real directories (Linux only: elsewhere the watch is off and nothing is watched). */
class DirectoryWatchLimitTest {
    @TempDir
    Path dir;

    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "the watch is off elsewhere");
    }

    @Test
    void atMostMaxDirectoriesAreWatchedAndTheRestIsLeftToTheScan() throws Exception {
        Map<Path, Path> dirs = new HashMap<>();
        for (int i = 0; i <= DirectoryWatch.MAX_DIRECTORIES; i++) {
            Path d = Files.createDirectory(dir.resolve("d" + i));
            dirs.put(d.toRealPath(), d);
        }
        try (DirectoryWatch watch = DirectoryWatch.start(true, p -> true, LoggerFactory.getLogger(getClass()))) {
            assertThat(watch.watch(dirs)).isTrue();
            assertThat(watch.watchedCount()).isEqualTo(DirectoryWatch.MAX_DIRECTORIES);
            assertThat(watch.watch(dirs)).as("nothing new the second time").isFalse();
            assertThat(watch.watch(Map.of())).isFalse();
            assertThat(watch.watchedCount()).as("directories no longer listed are dropped").isZero();
        }
    }

    @Test
    void onlyEntriesThatMayMatterEndTheWait() throws Exception {
        Path real = dir.toRealPath();
        try (DirectoryWatch watch = DirectoryWatch.start(true, p -> p.getFileName().toString().endsWith(".log"),
                LoggerFactory.getLogger(getClass()))) {
            watch.watch(Map.of(real, dir));
            Files.writeString(dir.resolve("other.txt"), "x");
            assertThat(watch.await(Duration.ofMillis(300).toNanos())).as("an entry no glob can match").isFalse();
            Files.writeString(dir.resolve("app.log"), "x");
            assertThat(watch.await(Duration.ofSeconds(20).toNanos())).isTrue();
        }
    }
}
