package io.tributary.plugins.filetail;

import static io.tributary.plugins.filetail.FileTailSourceTest.append;
import static io.tributary.plugins.filetail.FileTailSourceTest.lines;
import static io.tributary.plugins.filetail.FileTailSourceTest.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New files are found through directory notifications, not only by the scan: every test runs with a scan interval
 * of an hour (so after the first scan only a notification can find a file) and creates its files once the first
 * scan is known to be over (a file that was already there has been read).
 */
class DirectoryWatchTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    @TempDir
    Path scratch;
    @TempDir
    Path elsewhere;

    SourceHarness harness;

    @BeforeEach
    void setUp() {
        harness = SourceHarness.forType("file-tail", scratch);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    FileTailConfig config(String... patterns) {
        return FileTailConfig.of(List.of(patterns)).withScanInterval(Duration.ofHours(1))
                .withPollInterval(Duration.ofMillis(10));
    }

    /** Starts the source on a directory holding one line, and returns once that line came: the first scan is over. */
    void startAndAwaitFirstScan(FileTailConfig config, Path first) throws Exception {
        append(first, "first\n");
        harness.start(config);
        assertThat(bodies(1)).containsExactly("first");
    }

    List<String> bodies(int count) throws InterruptedException {
        return harness.emitter().awaitEvents(count, WAIT).stream().map(Event::body).toList();
    }

    @Test
    void aFileCreatedAfterTheFirstScanIsTailedWithoutWaitingForTheNextScan() throws Exception {
        startAndAwaitFirstScan(config(dir + "/*.log"), dir.resolve("first.log"));
        append(dir.resolve("new.log"), lines("n", 0, 3));
        assertThat(bodies(4)).containsExactlyElementsOf(concat("first", names("n", 0, 3)));
    }

    @Test
    void aFileRenamedIntoTheDirectoryIsTailed() throws Exception {
        startAndAwaitFirstScan(config(dir + "/*.log"), dir.resolve("first.log"));
        Path prepared = elsewhere.resolve("prepared.log");
        append(prepared, lines("r", 0, 2));
        Files.move(prepared, dir.resolve("moved.log"), StandardCopyOption.ATOMIC_MOVE);
        assertThat(bodies(3)).containsExactlyElementsOf(concat("first", names("r", 0, 2)));
    }

    @Test
    void aRotationByRenameAndCreateIsFollowedAtOnce() throws Exception {
        Path app = dir.resolve("app.log");
        startAndAwaitFirstScan(config(app.toString()), app);
        Files.move(app, dir.resolve("app.log.1"));
        append(app, lines("after", 0, 2));
        assertThat(bodies(3)).containsExactlyElementsOf(concat("first", names("after", 0, 2)));
    }

    @Test
    void aFileInASubdirectoryCreatedLaterIsFound() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        startAndAwaitFirstScan(config(dir + "/*/app.log"), dir.resolve("a/app.log"));
        Path b = Files.createDirectory(dir.resolve("b"));
        append(b.resolve("app.log"), lines("b", 0, 2));
        assertThat(bodies(3)).containsExactlyElementsOf(concat("first", names("b", 0, 2)));
    }

    @Test
    void aBaseDirectoryThatDoesNotExistYetIsFoundWhenItAppears() throws Exception {
        startAndAwaitFirstScan(config(dir + "/later/*.log", dir + "/first.log"), dir.resolve("first.log"));
        Path later = Files.createDirectory(dir.resolve("later"));
        append(later.resolve("x.log"), lines("x", 0, 2));
        assertThat(bodies(3)).containsExactlyElementsOf(concat("first", names("x", 0, 2)));
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
