package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetIndexTest {

    @TempDir
    Path dir;

    @Test
    void lookupFindsLargestEntryAtOrBelowTarget() throws Exception {
        Path file = dir.resolve("00000000000000000100.index");
        try (OffsetIndex index = OffsetIndex.create(file, 100)) {
            assertThat(index.lookup(150)).isZero();
            for (int i = 0; i < 100; i++) {
                index.append(100 + i * 10L, i * 1000);
            }
            assertThat(index.lookup(99)).isZero();
            assertThat(index.lookup(100)).isZero();
            assertThat(index.lookup(109)).isZero();
            assertThat(index.lookup(110)).isEqualTo(1000);
            assertThat(index.lookup(555)).isEqualTo(45000);
            assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(99000);
            assertThat(Files.size(file)).isEqualTo(100L * OffsetIndex.ENTRY_SIZE);
        }
    }

    @Test
    void rejectsNonIncreasingAppend() throws Exception {
        try (OffsetIndex index = OffsetIndex.create(dir.resolve("0.index"), 0)) {
            index.append(0, 0);
            index.append(5, 100);
            assertThatThrownBy(() -> index.append(5, 200)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.append(6, 100)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void truncateRemovesEntriesAtOrAboveOffsetOnDiskToo() throws Exception {
        Path file = dir.resolve("0.index");
        try (OffsetIndex index = OffsetIndex.create(file, 0)) {
            index.append(0, 0);
            index.append(10, 100);
            index.append(20, 200);
            index.truncateTo(10);
            assertThat(index.entries()).isEqualTo(1);
            assertThat(index.lookup(25)).isZero();
            assertThat(Files.size(file)).isEqualTo(OffsetIndex.ENTRY_SIZE);
            index.append(12, 150);
            assertThat(index.lookup(25)).isEqualTo(150);
        }
        try (OffsetIndex reloaded = OffsetIndex.load(file, 0, 1000)) {
            assertThat(reloaded.entries()).isEqualTo(2);
            assertThat(reloaded.lastOffset()).isEqualTo(12);
            assertThat(reloaded.lastPosition()).isEqualTo(150);
        }
    }

    @Test
    void loadDetectsCorruption() throws Exception {
        Path file = dir.resolve("0.index");
        Files.write(file, ByteBuffer.allocate(16).putInt(0).putInt(0).putInt(0).putInt(100).array());
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("not increasing");
        Files.write(file, new byte[12]);
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("multiple");
        Files.write(file, ByteBuffer.allocate(16).putInt(0).putInt(0).putInt(5).putInt(2000).array());
        assertThatThrownBy(() -> OffsetIndex.load(file, 0, 1000)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("beyond the log size");
    }
}
