package io.tributary.plugins.filetail;

import static io.tributary.plugins.filetail.FileTailSourceTest.WAIT;
import static io.tributary.plugins.filetail.FileTailSourceTest.append;
import static io.tributary.plugins.filetail.FileTailSourceTest.lines;
import static io.tributary.plugins.filetail.FileTailSourceTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file rewritten in place (copytruncate and the writer refilling it) before the tailer looked at its first bytes
 * again: the bytes it read must be what the rewrite is told by, not the bytes a later scan finds. Each test opens
 * the file while it is still empty, which is what a file created by a rotation usually is when the directory watch
 * makes the tailer look, and rewrites it within the first second (the scan interval here), before any scan.
 * RandomRotationTest lost lines this way about once in a few hundred runs.
 */
class RewriteBeforeScanTest {
    @TempDir
    Path dir;
    @TempDir
    Path scratch;
    SourceHarness harness;
    Path log;

    @BeforeEach
    void setUp() {
        harness = SourceHarness.forType("file-tail", scratch);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** No scan for a second after the first, no watch (it would add one): the rewrite comes before any scan. */
    FileTailConfig config() {
        return FileTailConfig.of(List.of(log.toString())).withScanInterval(Duration.ofSeconds(1))
                .withPollInterval(Duration.ofMillis(5)).withWatch(false);
    }

    /** Starts the source on an empty app.log and waits until it holds it open (at size 0). */
    void startOnAnEmptyFile() throws Exception {
        log = dir.resolve("app.log");
        Files.createFile(log);
        harness.start(config());
        await().atMost(WAIT).until(() -> OpenFiles.ofThisProcess().contains(log.toString()));
    }

    List<String> awaitBodies(int count) throws InterruptedException {
        return harness.emitter().awaitEvents(count, WAIT).stream().map(Event::body).toList();
    }

    /** Overwrites the file from byte 0 in one write: it is never seen shorter, so only its first bytes tell. */
    void overwrite(String text) throws Exception {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        }
    }

    @Test
    void aFileRewrittenLongerBeforeAnyScanIsReadAgainFromTheStart() throws Exception {
        startOnAnEmptyFile();
        append(log, lines("old-", 0, 2));
        awaitBodies(2);

        overwrite(lines("new-", 0, 5));
        List<String> bodies = awaitBodies(7);
        assertThat(bodies.subList(2, bodies.size())).containsExactlyElementsOf(names("new-", 0, 5));
    }

    @Test
    void aFileRewrittenToTheSameSizeIsReadAgainAtTheNextScan() throws Exception {
        startOnAnEmptyFile();
        append(log, lines("old-", 0, 3));
        awaitBodies(3);

        overwrite(lines("new-", 0, 3)); // as many bytes as before: the size shows nothing
        List<String> bodies = awaitBodies(6);
        assertThat(bodies.subList(3, bodies.size())).containsExactlyElementsOf(names("new-", 0, 3));
    }

    @Test
    void aSecondCopytruncateAfterOneSeenAtSizeZeroIsCaught() throws Exception {
        log = dir.resolve("app.log");
        append(log, lines("first-", 0, 20));
        harness.start(config());
        awaitBodies(20);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        // The tailer sees it empty: it starts over at byte 0 and checkpoints that.
        await().atMost(WAIT).until(() -> harness.emitter().emitted().stream()
                .anyMatch(e -> e.event() == null && e.position().value().startsWith("0/")));
        append(log, lines("second-", 0, 2));
        awaitBodies(22);

        // Truncated and refilled with more than was read before the tailer looked: the size shows no truncation.
        overwrite(lines("third-", 0, 5));
        List<String> bodies = awaitBodies(27);
        assertThat(bodies.subList(22, bodies.size())).containsExactlyElementsOf(names("third-", 0, 5));
    }

    @Test
    void aPositionSavedBeforeAnyScanIsNotResumedInARewrittenFile() throws Exception {
        startOnAnEmptyFile();
        append(log, lines("old-", 0, 2));
        awaitBodies(2);
        Map<String, Position> saved = harness.emitter().committedPositions();
        harness.close();

        // Rewritten (copytruncate and refilled) while the agent was down, longer than the saved offset.
        Files.writeString(log, lines("new-", 0, 5), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        harness = SourceHarness.forType("file-tail", scratch).restoredPositions(saved);
        harness.start(config());
        assertThat(awaitBodies(5)).containsExactlyElementsOf(names("new-", 0, 5));
    }

    @Test
    void aSavedPositionWithoutFingerprintIsNotTrusted() throws Exception {
        // Written by a version that checkpointed before it had fingerprinted the file: nothing shows it is this file.
        log = dir.resolve("app.log");
        append(log, lines("new-", 0, 5));
        String key = Files.getAttribute(log, "unix:dev") + ":" + Files.getAttribute(log, "unix:ino");
        harness.restoredPositions(Map.of(key, new Position(key, "12/0/0")));
        harness.start(config());
        assertThat(awaitBodies(5)).containsExactlyElementsOf(names("new-", 0, 5));
    }
}
