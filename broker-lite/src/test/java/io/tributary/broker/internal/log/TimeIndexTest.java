package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeIndexTest {

    @TempDir
    Path dir;

    @Test
    void onlyGrowingTimestampsAreIndexedAndLookupFindsFloor() throws Exception {
        Path file = dir.resolve("00000000000000000050.timeindex");
        try (TimeIndex index = TimeIndex.create(file, 50)) {
            assertThat(index.lookup(1000)).isEqualTo(new TimeIndex.Entry(RecordBatch.NO_TIMESTAMP, 50));
            index.maybeAppend(1000, 52);
            index.maybeAppend(900, 55);
            index.maybeAppend(1000, 56);
            index.maybeAppend(2000, 60);
            assertThat(index.entries()).isEqualTo(2);
            assertThat(index.lookup(999)).isEqualTo(new TimeIndex.Entry(RecordBatch.NO_TIMESTAMP, 50));
            assertThat(index.lookup(1000)).isEqualTo(new TimeIndex.Entry(1000, 52));
            assertThat(index.lookup(1999)).isEqualTo(new TimeIndex.Entry(1000, 52));
            assertThat(index.lookup(5000)).isEqualTo(new TimeIndex.Entry(2000, 60));
            assertThat(index.lastEntry()).isEqualTo(new TimeIndex.Entry(2000, 60));
            index.truncateTo(60);
            assertThat(index.lastEntry()).isEqualTo(new TimeIndex.Entry(1000, 52));
            assertThat(Files.size(file)).isEqualTo(TimeIndex.ENTRY_SIZE);
        }
        try (TimeIndex reloaded = TimeIndex.load(file, 50)) {
            assertThat(reloaded.lastEntry()).isEqualTo(new TimeIndex.Entry(1000, 52));
        }
    }

    @Test
    void loadDetectsCorruption() throws Exception {
        Path file = dir.resolve("0.timeindex");
        Files.write(file, ByteBuffer.allocate(24).putLong(2000).putInt(1).putLong(1000).putInt(2).array());
        assertThatThrownBy(() -> TimeIndex.load(file, 0)).isInstanceOf(CorruptIndexException.class);
        Files.write(file, new byte[13]);
        assertThatThrownBy(() -> TimeIndex.load(file, 0)).isInstanceOf(CorruptIndexException.class);
    }
}
