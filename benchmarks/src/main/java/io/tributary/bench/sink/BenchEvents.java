package io.tributary.bench.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * The benchmark's events: agent-style log events of about 250 bytes, generated deterministically
 * from a seed, plus the same rows as CSV (for {@code psql \copy}) and as JSON Lines (for DuckDB's
 * {@code read_json}).
 */
final class BenchEvents {
    private static final String[] PATHS = {"/api/v1/items/", "/api/v1/orders/", "/static/app.js?v=", "/login?next=/home/", "/healthz?probe="};
    private static final String[] AGENTS = {"curl/8.5.0", "Mozilla/5.0", "kube-probe/1.30", "python-requests/2.32"};

    private BenchEvents() {
    }

    record Event(String timestamp, String host, String source, String body, String attributes) {
        String json() {
            return "{\"timestamp\":\"" + timestamp + "\",\"host\":\"" + host + "\",\"source\":\"" + source + "\",\"body\":\""
                    + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"attributes\":" + attributes + "}";
        }

        String csv() {
            return timestamp + "," + host + "," + source + "," + quote(body) + "," + quote(attributes);
        }

        private static String quote(String s) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
    }

    static Event event(Random random, long i) {
        Instant ts = Instant.parse("2026-12-01T00:00:00Z").plusMillis(i * 7);
        int status = random.nextInt(20) == 0 ? 500 : random.nextInt(8) == 0 ? 404 : 200;
        int bytes = 200 + random.nextInt(20_000);
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
        String body = ip + " - - [01/Dec/2026:00:00:00 +0000] \"GET " + PATHS[random.nextInt(PATHS.length)] + random.nextInt(1_000_000)
                + " HTTP/1.1\" " + status + " " + bytes + " \"" + AGENTS[random.nextInt(AGENTS.length)] + "\"";
        String attributes = "{\"level\":\"" + (status >= 500 ? "ERROR" : "INFO") + "\",\"status\":" + status + ",\"bytes\":" + bytes + "}";
        return new Event(ts.toString(), "web-" + (i % 16), "file:/var/log/access.log", body, attributes);
    }

    /** Writes the same rows as CSV and JSON Lines; returns the total JSON bytes. */
    static long writeFiles(long count, long seed, Path csv, Path jsonl) throws IOException {
        Random random = new Random(seed);
        long bytes = 0;
        try (BufferedWriter c = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             BufferedWriter j = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                Event e = event(random, i);
                String json = e.json();
                bytes += json.getBytes(StandardCharsets.UTF_8).length;
                c.write(e.csv());
                c.newLine();
                j.write(json);
                j.newLine();
            }
        }
        return bytes;
    }
}
