package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestUtils.batch;
import static io.tributary.broker.internal.log.LogTestUtils.batchPositions;
import static io.tributary.broker.internal.log.LogTestUtils.crashCopy;
import static io.tributary.broker.internal.log.LogTestUtils.idempotent;
import static io.tributary.broker.internal.log.LogTestUtils.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogRecoveryTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
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

    private void close(PartitionLog log) {
        log.close();
        opened.remove(log);
    }

    private Path dir() {
        return root.resolve("orders-0");
    }

    private static List<String> keys(List<LogTestUtils.ReadRecord> records) {
        return records.stream().map(LogTestUtils.ReadRecord::key).toList();
    }

    private static List<String> expectedKeys(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("k" + i);
        }
        return out;
    }

    @Test
    void closeAndReopenKeepsDataLogEndOffsetAndIndexes() throws Exception {
        Map<String, String> cfg = Map.of("segment.bytes", "400", "index.interval.bytes", "100");
        PartitionLog log = open(dir(), cfg);
        for (int i = 0; i < 30; i++) {
            log.append(batch(T0 + i, 3 * i, 3));
        }
        List<Long> bases = log.segmentBaseOffsets();
        close(log);
        assertThat(new PartitionStateFile(dir(), TP).read()).isEqualTo(new PartitionStateFile.State(0, 90, true));
        Map<String, byte[]> indexFiles = new HashMap<>();
        for (long base : bases) {
            indexFiles.put(LogFileNames.indexFile(dir(), base).toString(), Files.readAllBytes(LogFileNames.indexFile(dir(), base)));
            indexFiles.put(LogFileNames.timeIndexFile(dir(), base).toString(), Files.readAllBytes(LogFileNames.timeIndexFile(dir(), base)));
        }

        PartitionLog reopened = open(dir(), cfg);
        assertThat(reopened.logEndOffset()).isEqualTo(90);
        assertThat(reopened.segmentBaseOffsets()).isEqualTo(bases);
        assertThat(new PartitionStateFile(dir(), TP).read().cleanShutdown()).isFalse();
        for (Map.Entry<String, byte[]> e : indexFiles.entrySet()) {
            assertThat(Files.readAllBytes(Path.of(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(keys(readAll(reopened, 500))).isEqualTo(expectedKeys(90));
        assertThat(reopened.append(batch(T0, 90, 1)).firstOffset()).isEqualTo(90);
        assertThat(reopened.offsetForTimestamp(T0 + 29)).map(t -> t.offset).contains(87L);
    }

    @Test
    void tornLastBatchIsTruncatedAndAppendingContinues() throws Exception {
        PartitionLog log = open(dir(), Map.of());
        for (int i = 0; i < 10; i++) {
            log.append(batch(T0, 3 * i, 3));
        }
        Path crashed = crashCopy(dir(), root.resolve("crashed"));
        Path logFile = LogFileNames.logFile(crashed, 0);
        List<int[]> positions = batchPositions(logFile);
        int[] last = positions.get(9);
        LogTestUtils.truncateFile(logFile, last[0] + last[1] / 2);

        PartitionLog recovered = open(crashed, Map.of());
        assertThat(recovered.logEndOffset()).isEqualTo(27);
        assertThat(recovered.sizeInBytes()).isEqualTo(last[0]);
        assertThat(recovered.append(batch(T0, 27, 3)).firstOffset()).isEqualTo(27);
        assertThat(keys(readAll(recovered, 10_000))).isEqualTo(expectedKeys(30));
    }

    @Test
    void garbageAfterTheLastBatchIsTruncated() throws Exception {
        PartitionLog log = open(dir(), Map.of());
        for (int i = 0; i < 4; i++) {
            log.append(batch(T0, 2 * i, 2));
        }
        long size = log.sizeInBytes();
        Path crashed = crashCopy(dir(), root.resolve("crashed"));
        byte[] garbage = new byte[100];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37 + 11);
        }
        LogTestUtils.appendBytes(LogFileNames.logFile(crashed, 0), garbage);

        PartitionLog recovered = open(crashed, Map.of());
        assertThat(recovered.sizeInBytes()).isEqualTo(size);
        assertThat(Files.size(LogFileNames.logFile(crashed, 0))).isEqualTo(size);
        assertThat(recovered.logEndOffset()).isEqualTo(8);
        assertThat(recovered.append(batch(T0, 8, 1)).firstOffset()).isEqualTo(8);
        assertThat(keys(readAll(recovered, 10_000))).isEqualTo(expectedKeys(9));
    }

    @Test
    void badCrcMidLogInTheLastSegmentTruncatesThere() throws Exception {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "600"));
        for (int i = 0; i < 20; i++) {
            log.append(batch(T0, 2 * i, 2));
        }
        log.roll();
        for (int i = 20; i < 24; i++) {
            log.append(batch(T0, 2 * i, 2));
        }
        List<Long> bases = log.segmentBaseOffsets();
        assertThat(bases.size()).isGreaterThan(2);
        long lastBase = bases.get(bases.size() - 1);
        Path crashed = crashCopy(dir(), root.resolve("crashed"));
        Path lastLog = LogFileNames.logFile(crashed, lastBase);
        List<int[]> positions = batchPositions(lastLog);
        assertThat(positions.size()).isGreaterThanOrEqualTo(3);
        LogTestUtils.flipByte(lastLog, positions.get(1)[0] + positions.get(1)[1] - 3);

        PartitionLog recovered = open(crashed, Map.of("segment.bytes", "600"));
        assertThat(recovered.logEndOffset()).isEqualTo(lastBase + 2);
        assertThat(Files.size(lastLog)).isEqualTo(positions.get(1)[0]);
        assertThat(recovered.segmentBaseOffsets()).isEqualTo(bases);
        assertThat(keys(readAll(recovered, 10_000))).isEqualTo(expectedKeys((int) lastBase + 2));
    }

    @Test
    void corruptionInAnEarlierUnflushedSegmentDropsTheSegmentsAfterIt() throws Exception {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "400"));
        for (int i = 0; i < 20; i++) {
            log.append(batch(T0, 2 * i, 2));
        }
        List<Long> bases = log.segmentBaseOffsets();
        assertThat(bases.size()).isGreaterThan(3);
        Path crashed = crashCopy(dir(), root.resolve("crashed"));
        long secondBase = bases.get(1);
        Path second = LogFileNames.logFile(crashed, secondBase);
        LogTestUtils.flipByte(second, batchPositions(second).get(0)[1] - 1);

        PartitionLog recovered = open(crashed, Map.of("segment.bytes", "400"));
        assertThat(recovered.segmentBaseOffsets()).containsExactly(bases.get(0), secondBase);
        assertThat(recovered.logEndOffset()).isEqualTo(secondBase);
        assertThat(Files.exists(LogFileNames.logFile(crashed, bases.get(2)))).isFalse();
        assertThat(recovered.append(batch(T0, (int) secondBase, 1)).firstOffset()).isEqualTo(secondBase);
    }

    @Test
    void flushMessagesAdvancesTheRecoveryPointSeenAfterACrash() throws Exception {
        PartitionLog log = open(dir(), Map.of("flush.messages", "3"));
        log.append(batch(T0, 0, 2));
        log.append(batch(T0, 2, 2));
        log.append(batch(T0, 4, 1));
        Path crashed = crashCopy(dir(), root.resolve("crashed"));
        assertThat(new PartitionStateFile(crashed, TP).read()).isEqualTo(new PartitionStateFile.State(0, 4, false));

        PartitionLog recovered = open(crashed, Map.of("flush.messages", "3"));
        assertThat(recovered.recoveryPoint()).isEqualTo(4);
        assertThat(recovered.logEndOffset()).isEqualTo(5);
    }

    @Test
    void producerStateSurvivesCloseAndReopen() {
        PartitionLog log = open(dir(), Map.of());
        log.append(idempotent(77L, (short) 2, 0, T0, 2));
        AppendResult second = log.append(idempotent(77L, (short) 2, 2, T0, 2));
        close(log);

        PartitionLog reopened = open(dir(), Map.of());
        assertThat(Files.exists(dir().resolve("producer.snapshot"))).isTrue();
        assertThat(reopened.append(idempotent(77L, (short) 2, 2, T0, 2)))
                .isEqualTo(new AppendResult(second.firstOffset(), second.lastOffset(), 0, true));
        assertThatThrownBy(() -> reopened.append(idempotent(77L, (short) 2, 5, T0, 1)))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(reopened.append(idempotent(77L, (short) 2, 4, T0, 1)).firstOffset()).isEqualTo(4);
    }

    @Test
    void producerStateSurvivesACrashThroughSnapshotPlusReplay() throws Exception {
        Map<String, String> cfg = Map.of("segment.bytes", "500");
        PartitionLog log = open(dir(), cfg);
        List<AppendResult> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            results.add(log.append(idempotent(9L, (short) 0, 2 * i, T0, 2)));
            log.append(batch(T0, 100 + i, 1));
        }
        assertThat(log.segmentCount()).as("rolls wrote snapshots").isGreaterThan(2);
        for (String variant : List.of("with-snapshot", "without-snapshot")) {
            Path crashed = crashCopy(dir(), root.resolve(variant));
            if (variant.equals("without-snapshot")) {
                Files.delete(crashed.resolve("producer.snapshot"));
            }
            PartitionLog recovered = open(crashed, cfg);
            AppendResult last = results.get(11);
            assertThat(recovered.append(idempotent(9L, (short) 0, 22, T0, 2)))
                    .as(variant).isEqualTo(new AppendResult(last.firstOffset(), last.lastOffset(), 0, true));
            AppendResult earlier = results.get(8);
            assertThat(recovered.append(idempotent(9L, (short) 0, 16, T0, 2)).firstOffset())
                    .as(variant).isEqualTo(earlier.firstOffset());
            assertThatThrownBy(() -> recovered.append(idempotent(9L, (short) 0, 30, T0, 1)))
                    .isInstanceOf(OutOfOrderSequenceException.class);
            assertThat(recovered.append(idempotent(9L, (short) 0, 24, T0, 1)).duplicate()).isFalse();
        }
    }

    @Test
    void idleProducersAreForgottenWhenTheSnapshotIsWritten() {
        PartitionLog log = open(dir(), Map.of());
        log.append(idempotent(5L, (short) 0, 0, T0, 3));
        clock.advance(25 * HOUR);
        close(log);
        PartitionLog reopened = open(dir(), Map.of());
        assertThat(reopened.append(idempotent(5L, (short) 0, 10, T0, 1)).duplicate())
                .as("an unknown producer may start at any sequence").isFalse();
    }

    @Test
    void missingIndexIsRebuiltAndStrayFilesAreRemovedOnOpen() throws Exception {
        Map<String, String> cfg = Map.of("segment.bytes", "400", "index.interval.bytes", "0");
        PartitionLog log = open(dir(), cfg);
        for (int i = 0; i < 10; i++) {
            log.append(batch(T0 + i, 2 * i, 2));
        }
        close(log);
        byte[] index = Files.readAllBytes(LogFileNames.indexFile(dir(), 0));
        Files.delete(LogFileNames.indexFile(dir(), 0));
        Files.write(LogFileNames.timeIndexFile(dir(), 0), new byte[] {1, 2, 3});
        Files.write(dir().resolve("00000000000000000000.log.deleted"), new byte[10]);
        Files.write(dir().resolve("partition.state.tmp"), new byte[10]);
        Files.write(dir().resolve("00000000000000999999.index"), new byte[8]);

        PartitionLog reopened = open(dir(), cfg);
        assertThat(Files.readAllBytes(LogFileNames.indexFile(dir(), 0))).isEqualTo(index);
        assertThat(Files.size(LogFileNames.timeIndexFile(dir(), 0)) % TimeIndex.ENTRY_SIZE).isZero();
        assertThat(Files.exists(dir().resolve("00000000000000000000.log.deleted"))).isFalse();
        assertThat(Files.exists(dir().resolve("partition.state.tmp"))).isFalse();
        assertThat(Files.exists(dir().resolve("00000000000000999999.index"))).isFalse();
        assertThat(keys(readAll(reopened, 150))).isEqualTo(expectedKeys(20));
        assertThat(reopened.offsetForTimestamp(T0 + 3)).map(t -> t.offset).contains(6L);
    }

    @Test
    void corruptPartitionStateForcesAFullRecovery() throws Exception {
        PartitionLog log = open(dir(), Map.of("segment.bytes", "300"));
        for (int i = 0; i < 10; i++) {
            log.append(batch(T0, 2 * i, 2));
        }
        close(log);
        LogTestUtils.flipByte(dir().resolve("partition.state"), 20);
        Path first = LogFileNames.logFile(dir(), 0);
        LogTestUtils.flipByte(first, batchPositions(first).get(0)[1] - 1);

        PartitionLog reopened = open(dir(), Map.of("segment.bytes", "300"));
        assertThat(reopened.logEndOffset()).as("the full recovery found the bad first batch").isZero();
        assertThat(reopened.segmentCount()).isEqualTo(1);
    }
}
