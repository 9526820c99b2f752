package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathScannerTest {
    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    private List<Path> scan(List<String> patterns, List<String> excludes) {
        return List.copyOf(new PathScanner(patterns, excludes).scan((p, r) -> problems.add(p + ": " + r)));
    }

    private Path touch(String rel) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x\n");
    }

    @Test
    void starMatchesWithinOneDirectoryOnly() throws Exception {
        Path a = touch("a.log");
        Path b = touch("b.log");
        touch("c.txt");
        touch("sub/d.log");
        assertThat(scan(List.of(dir + "/*.log"), List.of())).containsExactly(a, b);
    }

    @Test
    void doubleStarCrossesDirectoriesIncludingNone() throws Exception {
        Path a = touch("a.log");
        Path d = touch("sub/d.log");
        Path e = touch("sub/deeper/e.log");
        touch("sub/deeper/f.txt");
        assertThat(scan(List.of(dir + "/**/*.log"), List.of())).containsExactly(a, d, e);
    }

    @Test
    void globsInDirectoryNamesAndBraces() throws Exception {
        Path x = touch("app-1/out.log");
        Path y = touch("app-2/err.log");
        touch("other/out.log");
        assertThat(scan(List.of(dir + "/app-*/{out,err}.log"), List.of())).containsExactly(x, y);
    }

    @Test
    void excludesByNameOrByPath() throws Exception {
        Path a = touch("a.log");
        touch("a.log.1.gz");
        touch("skip/b.log");
        assertThat(scan(List.of(dir + "/**/*.log*"), List.of("*.gz", dir + "/skip/*"))).containsExactly(a);
    }

    @Test
    void aMissingBaseDirectoryIsNotAProblemFilesMayAppearLater() {
        assertThat(scan(List.of(dir + "/not-yet/*.log"), List.of())).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aSymlinkedBaseDirectoryIsWalkedAndPathsKeepTheConfiguredPrefix() throws Exception {
        touch("real/a.log");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        assertThat(scan(List.of(link + "/*.log"), List.of())).containsExactly(link.resolve("a.log"));
    }

    @Test
    void theDirectoriesToWatchAreTheOnesAMatchCanBeIn() throws Exception {
        touch("a/app.log");
        touch("a/deeper/app.log");
        Files.createDirectories(dir.resolve("b"));
        PathScanner scanner = new PathScanner(List.of(dir + "/*/app.log", dir + "/not-yet/sub/*.log"), List.of());
        scanner.scan((p, r) -> problems.add(p + ": " + r));
        Path real = dir.toRealPath();
        // the base and its subdirectories down to the glob's depth; for a base not there yet, its nearest ancestor
        assertThat(scanner.directories()).containsOnlyKeys(real, real.resolve("a"), real.resolve("b"));
        assertThat(scanner.directories()).containsEntry(real.resolve("a"), dir.resolve("a"));
    }

    @Test
    void onlyEntriesAScanCouldFindOrGoThroughMatter() {
        PathScanner scanner = new PathScanner(List.of(dir + "/*.log", dir + "/apps/*/out.log", dir + "/x/y/*.log"), List.of());
        assertThat(scanner.mayMatter(dir.resolve("a.log"))).isTrue();
        assertThat(scanner.mayMatter(dir.resolve("a.log.1"))).isFalse();
        assertThat(scanner.mayMatter(dir.resolve("apps/new"))).isTrue(); // may be a directory holding out.log
        assertThat(scanner.mayMatter(dir.resolve("apps/new/out.log"))).isTrue();
        assertThat(scanner.mayMatter(dir.resolve("apps/new/err.log"))).isFalse();
        assertThat(scanner.mayMatter(dir.resolve("x"))).isTrue(); // on the way to a base that does not exist yet
        assertThat(scanner.mayMatter(dir.resolve("other/a.log"))).isFalse();
    }

    @Test
    void aPlainFileNameIsAPatternToo() throws Exception {
        Path a = touch("exact.log");
        assertThat(scan(List.of(a.toString()), List.of())).containsExactly(a);
    }

    @Test
    void relativeOrBrokenPatternsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> PathGlob.parse("logs/*.log")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> PathGlob.parse("/var/log/{a,b")).hasMessageContaining("not a valid glob");
    }
}
