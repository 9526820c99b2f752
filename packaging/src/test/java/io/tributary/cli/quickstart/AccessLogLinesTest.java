package io.tributary.cli.quickstart;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogLinesTest {
    /** nginx's "combined" log_format. */
    private static final Pattern COMBINED = Pattern.compile(
            "(\\d+\\.\\d+\\.\\d+\\.\\d+) - - \\[([^]]+)] \"([A-Z]+) (\\S+) HTTP/1\\.1\" (\\d{3}) (\\d+) \"([^\"]*)\" \"([^\"]+)\"");

    private final AccessLogLines lines = new AccessLogLines(new SplittableRandom(42), ZoneId.of("Europe/Paris"));

    private List<Matcher> sample(int n) {
        Instant t = Instant.parse("2026-12-01T18:40:03Z");
        return IntStream.range(0, n).mapToObj(i -> COMBINED.matcher(lines.next(t))).toList();
    }

    @Test
    void everyLineIsNginxCombinedWithTheServersLocalTime() {
        List<Matcher> matched = sample(2_000);
        assertThat(matched).allMatch(Matcher::matches);
        assertThat(matched).allSatisfy(m -> {
            assertThat(m.group(2)).isEqualTo("01/Dec/2026:19:40:03 +0100");
            assertThat(m.group(1)).matches("(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d+");
        });
    }

    @Test
    void trafficLooksLikeAShopsHotPagesAndStatuses() {
        List<Matcher> matched = sample(5_000);
        matched.forEach(Matcher::matches);
        Map<String, Long> byPath = matched.stream().collect(Collectors.groupingBy(m -> m.group(4).replaceFirst("\\?.*", ""),
                Collectors.counting()));
        Map<String, Long> byStatus = matched.stream().collect(Collectors.groupingBy(m -> m.group(5), Collectors.counting()));
        String top = byPath.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(top).isEqualTo("/");
        assertThat(byPath.keySet()).contains("/static/app.js", "/api/search", "/favicon.ico");
        assertThat(byPath.keySet().stream().filter(p -> p.startsWith("/api/products/")).count()).isGreaterThan(50);
        assertThat(byStatus.keySet()).contains("200", "301", "302", "304", "401", "404", "500");
        assertThat(byStatus.get("200")).isGreaterThan(5_000 * 7 / 10);
        Map<String, Long> statusOfWpLogin = matched.stream().filter(m -> m.group(4).equals("/wp-login.php"))
                .collect(Collectors.groupingBy(m -> m.group(5), Collectors.counting()));
        assertThat(statusOfWpLogin.keySet()).containsOnly("404");
        assertThat(matched.stream().filter(m -> m.group(5).equals("304")).map(m -> m.group(6)).collect(Collectors.toSet()))
                .containsOnly("0");
    }

    @Test
    void aSeedGivesTheSameLines() {
        Instant t = Instant.parse("2026-12-01T18:40:03Z");
        Function<Long, List<String>> run = seed -> {
            AccessLogLines l = new AccessLogLines(new SplittableRandom(seed), ZoneId.of("UTC"));
            return IntStream.range(0, 50).mapToObj(i -> l.next(t)).toList();
        };
        assertThat(run.apply(7L)).isEqualTo(run.apply(7L)).isNotEqualTo(run.apply(8L));
    }
}
