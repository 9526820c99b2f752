package io.tributary.plugins.filetail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.testkit.RecordingEmitter;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-tail source run through the plugin test kit on real files. */
class FileTailSourceTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @TempDir
    Path scratch;

    SourceHarness harness;

    @BeforeEach
    void setUp() {
        harness = SourceHarness.forType("file-tail", scratch);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** Fast timings so each test takes well under a second. */
    FileTailConfig config(String... patterns) {
        return FileTailConfig.of(List.of(patterns)).withScanInterval(Duration.ofMillis(50))
                .withPollInterval(Duration.ofMillis(10)).withRotateWait(Duration.ofMillis(300));
    }

    RecordingEmitter emitter() {
        return harness.emitter();
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String lines(String prefix, int from, int to) {
        StringBuilder b = new StringBuilder();
        IntStream.range(from, to).forEach(i -> b.append(prefix).append(i).append('\n'));
        return b.toString();
    }

    static List<String> names(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    List<String> awaitBodies(int count) throws InterruptedException {
        return emitter().awaitEvents(count, WAIT).stream().map(Event::body).toList();
    }

    @Test
    void readsExistingLinesThenAppendedOnesAndFilesCreatedLater() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines("a", 0, 3));
        harness.start(config(dir + "/*.log"));
        assertThat(awaitBodies(3)).containsExactly("a0", "a1", "a2");

        append(a, lines("a", 3, 5));
        Path b = dir.resolve("b.log");
        append(b, lines("b", 0, 2));
        List<String> bodies = awaitBodies(7);
        assertThat(bodies).containsAll(names("a", 0, 5)).containsAll(names("b", 0, 2));

        Event first = emitter().events().get(0);
        assertThat(first.attributes()).containsEntry("path", a.toString()).containsEntry("offset", "0");
        assertThat(first.host()).isEqualTo("test-host");
        assertThat(emitter().events().get(1).attributes()).containsEntry("offset", "3");
    }

    @Test
    void positionsAreOffsetsAfterEachLineAndARestartResumesWithoutDuplicates() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines("line", 0, 4));
        harness.start(config(a.toString()));
        awaitBodies(4);
        Position last = emitter().emitted().get(3).position();
        assertThat(last.value()).startsWith(Files.size(a) + "/");

        harness.restart();
        append(a, lines("line", 4, 6));
        assertThat(awaitBodies(2)).containsExactly("line4", "line5");
    }

    @Test
    void unacknowledgedLinesAreReadAgainAfterARestart() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines("l", 0, 10));
        harness = SourceHarness.forType("file-tail", scratch).capacity(100);
        harness.start(config(a.toString()));
        awaitBodies(10);
        emitter().ack(6); // the broker acknowledged l0..l5, then the agent crashed

        harness.restart();
        assertThat(awaitBodies(4)).containsExactly("l6", "l7", "l8", "l9");
    }

    @Test
    void startAtEndSkipsExistingLinesButCheckpointsTheStart() throws Exception {
        Path a = dir.resolve("a.log");
        append(a, lines("old", 0, 3));
        harness.start(config(a.toString()).withStartAt(StartAt.END));
        await().atMost(WAIT).until(() -> !emitter().committedPositions().isEmpty());
        assertThat(emitter().committedPositions().values().iterator().next().value())
                .startsWith(Files.size(a) + "/");

        // A restart before any new line must not skip what is written meanwhile.
        harness.restart();
        append(a, lines("new", 0, 2));
        assertThat(awaitBodies(2)).containsExactly("new0", "new1");
    }

    @Test
    void filesAppearingAfterStartAreReadFromTheBeginningEvenWithStartAtEnd() throws Exception {
        append(dir.resolve("existing.log"), "skipped\n");
        harness.start(config(dir + "/*.log").withStartAt(StartAt.END));
        // The start-at-end checkpoint of the existing file shows the first scan is done.
        await().atMost(WAIT).until(() -> !emitter().committedPositions().isEmpty());
        append(dir.resolve("late.log"), lines("late", 0, 3));
        assertThat(awaitBodies(3)).containsExactly("late0", "late1", "late2");
    }

    @Test
    void rotationByRenameReadsTheOldFileToItsEndAndFollowsTheNewOne() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("gen1-", 0, 100));
        // rotate-wait well above a scheduling hiccup: the test appends to the renamed file right after the rename.
        harness.start(config(log.toString()).withRotateWait(Duration.ofSeconds(2)));
        awaitBodies(100);

        // A writer still appends to the renamed file before it reopens: those lines count too.
        Path rotated = Files.move(log, dir.resolve("app.log.1"));
        append(rotated, lines("gen1-", 100, 110) + "gen1-last-without-newline");
        append(log, lines("gen2-", 0, 50));
        List<String> bodies = awaitBodies(161);
        assertThat(bodies).containsAll(names("gen1-", 0, 110)).contains("gen1-last-without-newline")
                .containsAll(names("gen2-", 0, 50)).hasSize(161);

        // The renamed file is closed after rotate-wait, and its key released from the checkpoint.
        String oldKey = emitter().emitted().get(0).position().key();
        await().atMost(WAIT).until(() -> !emitter().committedPositions().containsKey(oldKey));
        await().atMost(WAIT).until(() -> !OpenFiles.ofThisProcess().contains(rotated.toString()));
    }

    @Test
    void renameWithinTheGlobKeepsTheFileAndItsPosition() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("x", 0, 3));
        harness.start(config(dir + "/app.log*"));
        awaitBodies(3);
        Path rotated = Files.move(log, dir.resolve("app.log.1"));
        append(rotated, lines("x", 3, 5));
        List<String> bodies = awaitBodies(5);
        assertThat(bodies).containsExactlyElementsOf(names("x", 0, 5));
        assertThat(emitter().events()).extracting(e -> e.attributes().get("offset"))
                .containsExactly("0", "3", "6", "9", "12");
    }

    @Test
    void copytruncateRestartsFromTheBeginningOfTheTruncatedFile() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("before-", 0, 20));
        harness.start(config(log.toString()));
        awaitBodies(20);

        Files.copy(log, dir.resolve("app.log.1"), StandardCopyOption.REPLACE_EXISTING);
        try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(log, lines("after-", 0, 3));
        List<String> bodies = awaitBodies(23);
        assertThat(bodies.subList(20, 23)).containsExactly("after-0", "after-1", "after-2");
    }

    @Test
    void aFileRewrittenInPlaceBeyondTheOldOffsetIsReadAgain() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "short-1\nshort-2\n");
        harness.start(config(log.toString()));
        awaitBodies(2);
        // Truncate and refill past the old offset between two looks: size alone cannot tell.
        try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(lines("rewritten-", 0, 5).getBytes(StandardCharsets.UTF_8)));
        }
        List<String> bodies = awaitBodies(7);
        assertThat(bodies.subList(2, 7)).containsExactlyElementsOf(names("rewritten-", 0, 5));
    }

    @Test
    void aSavedPositionIsNotUsedForADifferentFileOnTheSameInode() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("new-file-", 0, 5));
        String key = Files.getAttribute(log, "unix:dev") + ":" + Files.getAttribute(log, "unix:ino");
        // As if an earlier file with this inode was read to byte 30, starting with other bytes.
        harness.restoredPositions(Map.of(key, new Position(key, "30/20/12345678")));
        harness.start(config(log.toString()));
        assertThat(awaitBodies(5)).containsExactlyElementsOf(names("new-file-", 0, 5));
    }

    @Test
    void aSavedPositionIsUsedWhenTheFingerprintMatches() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("l", 0, 5));
        harness.start(config(log.toString()));
        awaitBodies(5);
        Map<String, Position> saved = emitter().committedPositions();
        harness.close();

        harness = SourceHarness.forType("file-tail", scratch).restoredPositions(saved);
        append(log, lines("l", 5, 7));
        harness.start(config(log.toString()));
        assertThat(awaitBodies(2)).containsExactly("l5", "l6");
    }

    @Test
    void realInodeReuseIsNotMistakenForTheOldFile() throws Exception {
        // Delete a file and create files until one gets the old inode (ext4/tmpfs reuse them quickly).
        Path log = dir.resolve("app.log");
        append(log, lines("first-generation-", 0, 10));
        harness.start(config(log.toString()).withStartAt(StartAt.BEGINNING));
        awaitBodies(10);
        Map<String, Position> saved = emitter().committedPositions();
        String key = saved.keySet().iterator().next();
        harness.close();

        Files.delete(log);
        boolean reused = false;
        for (int i = 0; i < 50 && !reused; i++) {
            Path p = dir.resolve("app.log");
            append(p, lines("second-generation-", 0, 3));
            reused = (Files.getAttribute(p, "unix:dev") + ":" + Files.getAttribute(p, "unix:ino")).equals(key);
            if (!reused) {
                Files.move(p, dir.resolve("other-" + i));
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reused, "the file system did not reuse the inode");
        harness = SourceHarness.forType("file-tail", scratch).restoredPositions(saved);
        harness.start(config(log.toString()));
        assertThat(awaitBodies(3)).containsExactlyElementsOf(names("second-generation-", 0, 3));
    }

    @Test
    void aDeletedFileIsReadToItsEndAndClosedPromptly() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("d", 0, 5));
        harness.start(config(log.toString()).withRotateWait(Duration.ofHours(1)));
        awaitBodies(5);
        assertThat(OpenFiles.ofThisProcess()).contains(log.toString());

        append(log, lines("d", 5, 8));
        Files.delete(log);
        assertThat(awaitBodies(8)).containsExactlyElementsOf(names("d", 0, 8));
        // Closed although rotate-wait is an hour: no disk space held by a deleted file.
        await().atMost(WAIT).until(() -> OpenFiles.ofThisProcess().stream().noneMatch(s -> s.contains(log.toString())));
    }

    @Test
    void moreFilesThanMaxOpenFilesTakeTurnsAndAllAreRead() throws Exception {
        for (int f = 0; f < 6; f++) {
            append(dir.resolve("f" + f + ".log"), lines("f" + f + "-", 0, 20));
        }
        harness.start(config(dir + "/*.log").withMaxOpenFiles(2));
        List<String> bodies = awaitBodies(120);
        for (int f = 0; f < 6; f++) {
            assertThat(bodies).containsAll(names("f" + f + "-", 0, 20));
        }
        // Appends to a file that was closed to make room are read when it gets a slot again.
        append(dir.resolve("f0.log"), lines("f0-", 20, 25));
        assertThat(awaitBodies(125)).containsAll(names("f0-", 20, 25)).hasSize(125);
        assertThat(OpenFiles.ofThisProcess().stream().filter(s -> s.startsWith(dir.toString())).count())
                .isLessThanOrEqualTo(2);
    }

    @Test
    void multilineJoinsStackTraces() throws Exception {
        Path log = dir.resolve("app.log");
        String trace = "2026-12-01 12:00:00 ERROR request failed\n"
                + "java.lang.IllegalStateException: boom\n"
                + "\tat io.x.A.b(A.java:10)\n"
                + "\tat io.x.A.c(A.java:20)\n";
        append(log, trace + "2026-12-01 12:00:01 INFO next\n");
        harness.start(config(log.toString()).withMultiline(
                new FileTailConfig.Multiline("^\\d{4}-\\d{2}-\\d{2}", Duration.ofMillis(100))));
        List<String> bodies = awaitBodies(2);
        assertThat(bodies.get(0)).isEqualTo(trace.stripTrailing());
        assertThat(bodies.get(1)).isEqualTo("2026-12-01 12:00:01 INFO next"); // sent by the timeout
    }

    @Test
    void aTenMegabyteLineIsTruncatedAndFlaggedAndTheNextLineIsIntact() throws Exception {
        Path log = dir.resolve("app.log");
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'z');
        append(log, "before\n");
        Files.write(log, big, StandardOpenOption.APPEND);
        append(log, "\nafter\n");
        harness.start(config(log.toString()).withMaxEventBytes(io.tributary.plugin.api.DataSize.ofKiB(64)));
        List<Event> events = emitter().awaitEvents(3, WAIT);
        assertThat(events.get(0).body()).isEqualTo("before");
        assertThat(events.get(1).body()).hasSize(64 * 1024).matches("z+");
        assertThat(events.get(1).attributes()).containsEntry("truncated", "true");
        assertThat(events.get(2).body()).isEqualTo("after");
        assertThat(events.get(2).attributes()).doesNotContainKey("truncated");
    }

    @Test
    void invalidUtf8IsReplacedAndBinaryGarbageDoesNotStopTheSource() throws Exception {
        Path log = dir.resolve("app.log");
        Files.write(log, new byte[] {'o', 'k', (byte) 0xC3, '(', (byte) 0xFF, '\n'});
        byte[] garbage = new byte[2 * 1024 * 1024];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(log, garbage, StandardOpenOption.APPEND);
        append(log, "\nstill alive\n");
        harness.start(config(log.toString()));
        await().atMost(WAIT).until(() -> emitter().bodies().contains("still alive"));
        assertThat(emitter().bodies().get(0)).isEqualTo("ok\uFFFD(\uFFFD");
        assertThat(harness.source()).isNotNull();
    }

    @Test
    void crlfLineEndsAreStripped() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "one\r\ntwo\r\n");
        harness.start(config(log.toString()));
        assertThat(awaitBodies(2)).containsExactly("one", "two");
    }

    @Test
    void backpressurePausesTheSourceAndNothingIsLost() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("b", 0, 500));
        harness = SourceHarness.forType("file-tail", scratch).capacity(10);
        harness.start(config(log.toString()));
        emitter().awaitBlocked(1, WAIT);
        assertThat(emitter().events()).hasSize(10);
        List<String> got = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> {
            emitter().ackAll();
            return emitter().events().size() == 500;
        });
        got.addAll(emitter().bodies());
        assertThat(got).containsExactlyElementsOf(names("b", 0, 500));
    }

    @Test
    void stopReturnsPromptlyEvenWhileBlockedOnBackpressure() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, lines("s", 0, 100));
        harness = SourceHarness.forType("file-tail", scratch).capacity(1);
        harness.start(config(log.toString()));
        emitter().awaitBlocked(1, WAIT);
        long t0 = System.nanoTime();
        harness.source().stop();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(OpenFiles.ofThisProcess()).doesNotContain(log.toString());
    }
}
