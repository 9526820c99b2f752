package io.tributary.plugins.filetail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Paths that match but cannot be tailed: each gets one clear log line and the other files go
 * on. The tests run as root, where permissions do not stop a read, so unreadability is made
 * in ways that work for root too: a symbolic link loop (stat fails with ELOOP), a broken link,
 * a FIFO (which must never be opened: that would block), and a directory (silently skipped).
 * A mode-000 file is added when the tests do not run as root.
 */
class UnreadableFilesTest {
    @TempDir
    Path dir;
    @TempDir
    Path scratch;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger sourceLogger;
    private SourceHarness harness;

    @BeforeEach
    void captureLogs() {
        sourceLogger = (Logger) LoggerFactory.getLogger("io.tributary.source.test-source");
        logs.start();
        sourceLogger.addAppender(logs);
        harness = SourceHarness.forType("file-tail", scratch);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        sourceLogger.detachAppender(logs);
    }

    @Test
    void eachUntailablePathIsLoggedOnceAndTheOtherFilesGoOn() throws Exception {
        Path good = Files.writeString(dir.resolve("good.log"), "g0\ng1\n");
        Files.createSymbolicLink(dir.resolve("loop-a.log"), dir.resolve("loop-b.log"));
        Files.createSymbolicLink(dir.resolve("loop-b.log"), dir.resolve("loop-a.log"));
        Files.createSymbolicLink(dir.resolve("dangling.log"), dir.resolve("missing-target"));
        Files.createDirectory(dir.resolve("a-directory.log"));
        Path fifo = dir.resolve("pipe.log");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path locked = dir.resolve("locked.log");
        if (!root) {
            Files.writeString(locked, "secret\n");
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        }

        harness.start(FileTailConfig.of(List.of(dir + "/*.log")).withScanInterval(Duration.ofMillis(20))
                .withPollInterval(Duration.ofMillis(5)));
        harness.emitter().awaitEvents(2, Duration.ofSeconds(30));
        // New files are found only by scans: three of them arriving prove at least three more scans.
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("later-" + i + ".log"), "later" + i + "\n");
            harness.emitter().awaitEvents(3 + i, Duration.ofSeconds(30));
        }
        Files.writeString(good, "g2\n", java.nio.file.StandardOpenOption.APPEND);
        harness.emitter().awaitEvents(6, Duration.ofSeconds(30));
        assertThat(harness.emitter().bodies()).containsExactlyInAnyOrder("g0", "g1", "later0", "later1", "later2", "g2");

        List<String> warnings = logs.list.stream().filter(e -> e.getMessage().startsWith("cannot tail"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).filteredOn(w -> w.contains("loop-a.log")).singleElement().asString()
                .contains("Too many levels of symbolic links");
        assertThat(warnings).filteredOn(w -> w.contains("loop-b.log")).hasSize(1);
        assertThat(warnings).filteredOn(w -> w.contains("dangling.log")).singleElement().asString()
                .contains("broken symbolic link");
        assertThat(warnings).filteredOn(w -> w.contains("pipe.log")).singleElement().asString()
                .contains("not a regular file");
        assertThat(warnings).noneMatch(w -> w.contains("a-directory.log"));
        if (!root) {
            assertThat(warnings).filteredOn(w -> w.contains("locked.log")).singleElement().asString()
                    .contains("permission denied");
        }
    }

    @Test
    void aFileThatBecomesReadableIsPickedUp() throws Exception {
        Path target = dir.resolve("target.txt");
        Files.createSymbolicLink(dir.resolve("app.log"), target);
        harness.start(FileTailConfig.of(List.of(dir + "/*.log")).withScanInterval(Duration.ofMillis(20))
                .withPollInterval(Duration.ofMillis(5)));
        Files.writeString(target, "now here\n");
        assertThat(harness.emitter().awaitEvents(1, Duration.ofSeconds(30)).get(0).body()).isEqualTo("now here");
    }
}
