package io.tributary.broker.internal.group;

import io.tributary.broker.internal.log.MutableClock;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The offsets log on disk: replay, torn-tail recovery, compaction, and crash leftovers of a compaction. */
class OffsetStoreTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(1_000_000);
    static final TopicPartition T0 = new TopicPartition("t", 0);
    static final TopicPartition T1 = new TopicPartition("t", 1);

    private OffsetStore open() throws IOException {
        return OffsetStore.open(dir, GroupConfig.defaults(), clock);
    }

    private OffsetStore open(GroupConfig config) throws IOException {
        return OffsetStore.open(dir, config, clock);
    }

    private static CommittedOffset at(long offset) {
        return new CommittedOffset(offset, 3, "meta-" + offset, 1_000);
    }

    @Test
    void commitsDeletesAndGroupDeletesAreReplayedOnOpen() throws Exception {
        try (OffsetStore store = open()) {
            store.commit("g", Map.of(T0, at(5), T1, at(7)));
            store.commit("g", Map.of(T0, at(9)));
            store.commit("h", Map.of(T0, at(1)));
            store.commit("gone", Map.of(T0, at(2)));
            store.deleteOffsets("g", List.of(T1));
            store.deleteGroup("gone");
        }
        try (OffsetStore store = open()) {
            assertThat(store.offsets("g")).containsExactly(Map.entry(T0, at(9)));
            assertThat(store.offsets("h")).containsExactly(Map.entry(T0, at(1)));
            assertThat(store.groups()).containsExactlyInAnyOrder("g", "h");
            assertThat(store.offsets("g").get(T0).metadata()).isEqualTo("meta-9");
        }
    }

    @Test
    void aTornTailIsTruncatedAtTheLastCompleteRecordAndAppendsContinueAfterIt() throws Exception {
        Path file;
        long goodSize;
        try (OffsetStore store = open()) {
            store.commit("g", Map.of(T0, at(5)));
            store.commit("g", Map.of(T1, at(6)));
            file = store.currentFile();
            goodSize = store.logSize();
        }
        // A record cut off mid-write: header promising 60 bytes, 10 present.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(18).putInt(60).putInt(0xCAFE).put(new byte[10]).flip());
        }
        try (OffsetStore store = open()) {
            assertThat(Files.size(file)).isEqualTo(goodSize);
            assertThat(store.offsets("g")).containsOnly(Map.entry(T0, at(5)), Map.entry(T1, at(6)));
            store.commit("g", Map.of(T0, at(8)));
        }
        try (OffsetStore store = open()) {
            assertThat(store.offsets("g")).containsOnly(Map.entry(T0, at(8)), Map.entry(T1, at(6)));
        }
    }

    @Test
    void aRecordWithABadChecksumEndsTheValidLog() throws Exception {
        Path file;
        try (OffsetStore store = open()) {
            store.commit("g", Map.of(T0, at(5)));
            store.commit("g", Map.of(T0, at(6)));
            file = store.currentFile();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x55; // flip bits inside the second record's payload
        Files.write(file, bytes);
        try (OffsetStore store = open()) {
            assertThat(store.offsets("g")).containsExactly(Map.entry(T0, at(5)));
            assertThat(Files.size(file)).isEqualTo(bytes.length / 2);
        }
    }

    @Test
    void compactionKeepsOnlyLiveOffsetsInANewGenerationAndDeletesTheOldFile() throws Exception {
        GroupConfig smallCompaction = new GroupConfig(6_000, 1_800_000, 0, 7L * 24 * 3600 * 1000, Long.MAX_VALUE,
                Long.MAX_VALUE, 4096);
        Path first;
        try (OffsetStore store = open(smallCompaction)) {
            first = store.currentFile();
            for (int i = 0; i < 500; i++) {
                store.commit("g", Map.of(T0, at(i), T1, at(1000 + i)));
            }
            store.commit("dead", Map.of(T0, at(1)));
            store.deleteGroup("dead");
            long before = store.logSize();
            store.runMaintenance();
            assertThat(store.currentFile()).isNotEqualTo(first);
            assertThat(store.logSize()).isLessThan(before / 100);
            store.commit("g", Map.of(T1, at(2000)));
        }
        assertThat(first).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(OffsetsLog.fileName(1));
        }
        try (OffsetStore store = open(smallCompaction)) {
            assertThat(store.offsets("g")).containsOnly(Map.entry(T0, at(499)), Map.entry(T1, at(2000)));
            assertThat(store.groups()).containsExactly("g");
        }
    }

    @Test
    void leftoversOfACompactionInterruptedByACrashAreResolvedAtOpen() throws Exception {
        try (OffsetStore store = open()) {
            store.commit("g", Map.of(T0, at(1)));
            store.commit("g", Map.of(T0, at(2)));
        }
        // Crash before the rename: a temp file, which must be ignored.
        Files.write(dir.resolve(OffsetsLog.fileName(1) + ".tmp"), new byte[]{1, 2, 3});
        try (OffsetStore store = open()) {
            assertThat(store.offsets("g")).containsExactly(Map.entry(T0, at(2)));
            store.compact();
        }
        // Crash after the rename but before the old file's deletion: the newest generation wins.
        Files.write(dir.resolve(OffsetsLog.fileName(0)), OffsetsLog.encode(List.of(
                new OffsetsLogRecord.Commit("stale", "t", 0, at(99)))));
        try (OffsetStore store = open()) {
            assertThat(store.groups()).containsExactly("g");
            assertThat(store.offsets("g")).containsExactly(Map.entry(T0, at(2)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(OffsetsLog.fileName(1));
        }
    }

    @Test
    void offsetsOfDeletedTopicsAreDropped() throws Exception {
        try (OffsetStore store = open()) {
            store.commit("g", Map.of(T0, at(1), new TopicPartition("deleted", 0), at(2)));
            assertThat(store.dropTopicsThatAreGone(topic -> topic.equals("t"))).isEqualTo(1);
        }
        try (OffsetStore store = open()) {
            assertThat(store.offsets("g")).containsOnlyKeys(T0);
        }
    }
}
