package io.tributary.bench.agent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes an nginx-style access log: varied, realistic lines of about 200 bytes, deterministic for a seed. */
final class AccessLog {
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] PATHS = {"/api/v1/items", "/api/v1/orders", "/static/app.js", "/index.html",
            "/api/v2/search", "/healthz", "/login", "/img/logo.png"};
    private static final int[] STATUS = {200, 200, 200, 200, 201, 204, 301, 304, 404, 500};
    private static final String[] AGENTS = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5",
            "curl/8.5.0", "Go-http-client/1.1", "python-requests/2.32.3"};

    private AccessLog() {
    }

    /** Writes {@code lines} lines; returns the file size in bytes. */
    static long write(Path file, int lines, long seed) throws IOException {
        Random r = new Random(seed);
        long t = 1_764_612_000L; // 2025-12-01T18:00:00Z
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder b = new StringBuilder(256);
            for (int i = 0; i < lines; i++) {
                b.setLength(0);
                b.append("10.").append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256))
                        .append(" - - [").append(java.time.Instant.ofEpochSecond(t + i / 2000)).append("] \"")
                        .append(METHODS[r.nextInt(METHODS.length)]).append(' ').append(PATHS[r.nextInt(PATHS.length)])
                        .append('/').append(r.nextInt(100_000)).append("?page=").append(r.nextInt(50))
                        .append(" HTTP/1.1\" ").append(STATUS[r.nextInt(STATUS.length)]).append(' ')
                        .append(r.nextInt(50_000)).append(" \"https://example.com/ref/").append(r.nextInt(1000))
                        .append("\" \"").append(AGENTS[r.nextInt(AGENTS.length)]).append("\" rt=")
                        .append(r.nextInt(2000) / 1000.0).append(" seq=").append(i).append('\n');
                w.append(b);
            }
        }
        return Files.size(file);
    }
}
