package io.tributary.plugins.filetail;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-world shaped files from src/test/resources/fixtures, tailed end to end through the test kit. */
class FixtureFilesTest {
    @TempDir
    Path dir;
    @TempDir
    Path scratch;
    SourceHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Path fixture(String name) throws Exception {
        Path target = dir.resolve(name);
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/fixtures/" + name), name)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void aJavaApplicationLogBecomesOneEventPerLogStatementWithItsStackTrace() throws Exception {
        Path log = fixture("java-app.log");
        harness = SourceHarness.forType("file-tail", scratch);
        harness.start(FileTailConfig.of(List.of(log.toString())).withPollInterval(Duration.ofMillis(10))
                .withMultiline(new FileTailConfig.Multiline("^\\d{4}-\\d{2}-\\d{2} ", Duration.ofMillis(50))));
        List<Event> events = harness.emitter().awaitEvents(6, Duration.ofSeconds(30));
        assertThat(events).extracting(e -> e.body().lines().findFirst().orElse(""))
                .allMatch(first -> first.startsWith("2026-12-01 "));
        Event failure = events.get(2);
        assertThat(failure.body()).startsWith("2026-12-01 12:00:01.500 ERROR").contains("Caused by: java.sql.SQLException")
                .endsWith("\t... 3 more");
        assertThat(failure.body().lines().count()).isEqualTo(8);
        assertThat(events.get(4).body()).endsWith("at io.example.Client.call(Client.java:10)\n"); // the blank line belongs to it
        assertThat(events.get(5).body()).isEqualTo("2026-12-01 12:00:04.000 INFO  [main] io.example.App - stopping");
        // Positions: each event ends where the next begins; the last one at the end of the file.
        assertThat(events.get(3).attributes().get("offset"))
                .isEqualTo(Long.toString(Files.readString(log).indexOf("2026-12-01 12:00:02.000")));
        String lastValue = harness.emitter().emitted().get(5).position().value();
        assertThat(lastValue).startsWith(Files.size(log) + "/");
    }

    @Test
    void invalidUtf8IsReplacedCharacterByCharacter() throws Exception {
        Path log = fixture("invalid-utf8.log");
        harness = SourceHarness.forType("file-tail", scratch);
        harness.start(FileTailConfig.of(List.of(log.toString())).withPollInterval(Duration.ofMillis(10)));
        List<String> bodies = harness.emitter().awaitEvents(5, Duration.ofSeconds(30)).stream().map(Event::body).toList();
        assertThat(bodies).containsExactly("café ok", "latin-1 caf\uFFFD here", "truncated euro \uFFFD", "nul \u0000 byte",
                "\uFFFD\uFFFD\uFFFD");
    }
}
