package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionStateFileTest {

    @TempDir
    Path dir;

    private final TopicPartition tp = new TopicPartition("t", 0);

    @Test
    void absentFileReadsAsDefaults() throws Exception {
        assertThat(new PartitionStateFile(dir, tp).read()).isEqualTo(PartitionStateFile.State.DEFAULT);
    }

    @Test
    void roundTripsAndLeavesNoTempFile() throws Exception {
        PartitionStateFile file = new PartitionStateFile(dir, tp);
        file.write(new PartitionStateFile.State(10, 42, true));
        file.write(new PartitionStateFile.State(11, 43, false));
        assertThat(file.read()).isEqualTo(new PartitionStateFile.State(11, 43, false));
        assertThat(Files.exists(dir.resolve("partition.state.tmp"))).isFalse();
    }

    @Test
    void corruptFileReadsAsDefaults() throws Exception {
        PartitionStateFile file = new PartitionStateFile(dir, tp);
        file.write(new PartitionStateFile.State(10, 42, true));
        LogTestUtils.flipByte(file.file(), 15);
        assertThat(file.read()).isEqualTo(PartitionStateFile.State.DEFAULT);
        Files.write(file.file(), new byte[] {1, 2, 3});
        assertThat(file.read()).isEqualTo(PartitionStateFile.State.DEFAULT);
    }
}
