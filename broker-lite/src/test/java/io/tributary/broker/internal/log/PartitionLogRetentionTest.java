package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestUtils.batch;
import static io.tributary.broker.internal.log.LogTestUtils.crashCopy;
import static io.tributary.broker.internal.log.LogTestUtils.readAll;
import static io.tributary.broker.internal.log.LogTestUtils.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogRetentionTest {

    private static final TopicPartition TP = new TopicPartition("metrics", 1);
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3600_000L;

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        for (PartitionLog log : opened) {
            log.close();
        }
    }

    private PartitionLog open(Path dir, Map<String, String> overrides) {
        PartitionLog log = PartitionLog.open(dir, TP, LogConfig.defaults().withOverrides(overrides), clock);
        opened.add(log);
        return log;
    }

    private Path dir() {
        return root.resolve("metrics-1");
    }

    /** Appends 4-record batches until the log has {@code segments} segments plus one more batch. */
    private static void fill(PartitionLog log, int segments, long ts) {
        int i = (int) log.logEndOffset();
        while (log.segmentCount() < segments) {
            log.append(batch(ts, i, 4));
            i += 4;
        }
    }

    @Test
    void retentionBytesDeletesWholeOldestSegmentsAndAdvancesTheLogStartOffset() throws Exception {
        Map<String, String> cfg = Map.of("segment.bytes", "500", "file.delete.delay.ms", "1000");
        PartitionLog log = open(dir(), cfg);
        fill(log, 6, T0);
        List<Long> bases = log.segmentBaseOffsets();
        long total = log.sizeInBytes();
        long twoOldest = Files.size(LogFileNames.logFile(dir(), bases.get(0)))
                + Files.size(LogFileNames.logFile(dir(), bases.get(1)));
        LogReadResult inFlight = log.read(0, 10_000, false);

        log.updateConfig(log.config().withOverrides(Map.of("retention.bytes", Long.toString(total - twoOldest))));
        assertThat(log.enforceRetention()).isEqualTo(2);
        assertThat(log.logStartOffset()).isEqualTo(bases.get(2));
        assertThat(log.segmentBaseOffsets()).isEqualTo(bases.subList(2, bases.size()));
        assertThat(log.sizeInBytes()).isEqualTo(total - twoOldest);
        assertThat(log.enforceRetention()).isZero();
        assertThatThrownBy(() -> log.read(bases.get(2) - 1, 1000, true)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(log.read(bases.get(2), 1000, true).logStartOffset()).isEqualTo(bases.get(2));

        // The deleted files stay readable for file.delete.delay.ms.
        Path deleted = dir().resolve(LogFileNames.prefix(0) + ".log.deleted");
        assertThat(Files.exists(deleted)).isTrue();
        assertThat(Files.exists(LogFileNames.logFile(dir(), 0))).isFalse();
        assertThat(records(inFlight.records())).isNotEmpty();
        assertThat(log.deleteExpiredFiles()).isZero();
        clock.advance(1000);
        assertThat(log.deleteExpiredFiles()).isEqualTo(2);
        assertThat(Files.exists(deleted)).isFalse();

        log.close();
        opened.remove(log);
        PartitionLog reopened = open(dir(), cfg);
        assertThat(reopened.logStartOffset()).isEqualTo(bases.get(2));
        assertThat(reopened.segmentBaseOffsets()).isEqualTo(bases.subList(2, bases.size()));
        assertThat(readAll(reopened, 10_000).get(0).offset()).isEqualTo(bases.get(2));
    }

    @Test
    void retentionMsDeletesSegmentsWhoseNewestRecordIsTooOldButNeverTheActiveSegment() {
        Map<String, String> cfg = Map.of("segment.bytes", "500", "retention.ms", Long.toString(HOUR),
                "file.delete.delay.ms", "0");
        PartitionLog log = open(dir(), cfg);
        fill(log, 3, T0 - 3 * HOUR);
        fill(log, 5, T0 - HOUR / 2);
        List<Long> bases = log.segmentBaseOffsets();

        assertThat(log.enforceRetention()).isEqualTo(2);
        assertThat(log.logStartOffset()).isEqualTo(bases.get(2));
        assertThat(Files.exists(dir().resolve(LogFileNames.prefix(0) + ".log.deleted"))).isFalse();

        clock.advance(10 * HOUR);
        assertThat(log.enforceRetention()).isEqualTo(2);
        assertThat(log.segmentBaseOffsets()).containsExactly(bases.get(4));
        assertThat(log.logStartOffset()).isEqualTo(bases.get(4));
        assertThat(log.append(batch(T0, 0, 1)).logStartOffset()).isEqualTo(bases.get(4));
    }

    @Test
    void segmentsBelowAPersistedLogStartOffsetAreDeletedOnOpen() throws Exception {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "500"));
        fill(log, 4, T0);
        List<Long> bases = log.segmentBaseOffsets();
        Path crashed = crashCopy(dir(), root.resolve("crashed"));
        // A crash right after retention persisted the new log start offset, before renaming the files.
        new PartitionStateFile(crashed, TP).write(new PartitionStateFile.State(bases.get(1), 0, false));

        PartitionLog recovered = open(crashed, Map.of("segment.bytes", "500"));
        assertThat(recovered.logStartOffset()).isEqualTo(bases.get(1));
        assertThat(recovered.segmentBaseOffsets()).isEqualTo(bases.subList(1, bases.size()));
        assertThat(Files.exists(LogFileNames.logFile(crashed, 0))).isFalse();
    }
}
