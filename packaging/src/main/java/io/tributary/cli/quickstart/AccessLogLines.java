package io.tributary.cli.quickstart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Makes believable nginx access log lines in the "combined" format:
 *
 * <pre>{@code
 * 203.0.113.7 - - [01/Dec/2026:18:40:03 +0000] "GET /api/products/42 HTTP/1.1" 200 5123 "https://shop.example/" "Mozilla/5.0 ..."
 * }</pre>
 *
 * A small web shop's traffic: a few hot pages and static files take most hits (weighted), product
 * ids vary, static files are sometimes answered 304, unknown paths 404, the cart 401 without a
 * session, and now and then a 500. Client addresses come from the documentation ranges
 * (RFC 5737). Not thread-safe (one generator thread owns it).
 */
public final class AccessLogLines {
    private static final DateTimeFormatter TIME_LOCAL =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

    private record Route(String method, String path, int weight, int bytes) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/", 220, 7_400),
            new Route("GET", "/static/app.js", 150, 48_200),
            new Route("GET", "/static/style.css", 140, 11_900),
            new Route("GET", "/api/products", 120, 5_100),
            new Route("GET", "/api/products/{id}", 110, 1_650),
            new Route("GET", "/favicon.ico", 60, 1_150),
            new Route("GET", "/api/search?q={term}", 55, 3_300),
            new Route("POST", "/api/cart", 40, 310),
            new Route("GET", "/login", 30, 2_900),
            new Route("POST", "/login", 20, 120),
            new Route("GET", "/health", 25, 15),
            new Route("GET", "/old-page.html", 8, 0),
            new Route("GET", "/wp-login.php", 6, 150));
    private static final int TOTAL_WEIGHT = ROUTES.stream().mapToInt(Route::weight).sum();

    private static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "curl/8.5.0",
            "Prometheus/2.53.0");
    private static final List<String> TERMS = List.of("boots", "tent", "lamp", "kettle", "socks", "backpack");
    private static final List<String> NETWORKS = List.of("192.0.2.", "198.51.100.", "203.0.113.");

    private final RandomGenerator random;
    private final ZoneId zone;

    /** @param zone the zone of {@code [$time_local]}, as nginx writes the server's local time */
    public AccessLogLines(RandomGenerator random, ZoneId zone) {
        this.random = random;
        this.zone = zone;
    }

    /** One line (without the newline) for a request served at {@code time}. */
    public String next(Instant time) {
        Route route = pick();
        String path = route.path()
                .replace("{id}", Integer.toString(1 + random.nextInt(400)))
                .replace("{term}", TERMS.get(random.nextInt(TERMS.size())));
        int status = status(route);
        int bytes = switch (status) {
            case 200 -> route.bytes() == 0 ? 0 : Math.max(1, (int) (route.bytes() * (0.8 + 0.4 * random.nextDouble())));
            case 301, 302 -> 169;
            case 404 -> 153;
            case 401 -> 61;
            case 500 -> 177;
            default -> 0;
        };
        String agent = route.path().equals("/health") ? AGENTS.get(5) : AGENTS.get(random.nextInt(AGENTS.size() - 1));
        String referer = path.startsWith("/static/") || path.startsWith("/api/") ? "https://shop.example/" : "-";
        String client = NETWORKS.get(random.nextInt(NETWORKS.size())) + (1 + random.nextInt(254));
        return client + " - - [" + TIME_LOCAL.format(time.atZone(zone)) + "] \"" + route.method() + " " + path
                + " HTTP/1.1\" " + status + " " + bytes + " \"" + referer + "\" \"" + agent + "\"";
    }

    private Route pick() {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Route route : ROUTES) {
            ticket -= route.weight();
            if (ticket < 0) {
                return route;
            }
        }
        throw new IllegalStateException("weights add up to " + TOTAL_WEIGHT);
    }

    private int status(Route route) {
        double roll = random.nextDouble();
        if (route.path().equals("/old-page.html")) {
            return 301;
        }
        if (route.path().equals("/wp-login.php")) {
            return 404;
        }
        if (route.path().startsWith("/static/") && roll < 0.35) {
            return 304;
        }
        if (route.path().equals("/api/cart") && roll < 0.2) {
            return 401;
        }
        if (route.method().equals("POST") && route.path().equals("/login")) {
            return roll < 0.7 ? 302 : 401;
        }
        if (route.path().startsWith("/api/products/") && roll < 0.05) {
            return 404;
        }
        return roll > 0.993 ? 500 : 200;
    }
}
