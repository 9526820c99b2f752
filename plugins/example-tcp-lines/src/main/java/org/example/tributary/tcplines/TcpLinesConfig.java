package org.example.tributary.tcplines;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of a {@code tcp-lines} source entry. The agent binds YAML to this record: component
 * {@code maxLineLength} is key {@code max-line-length}. A key left out arrives as {@code null},
 * and the compact constructor puts in the default, so a config built in a test behaves like one
 * read from YAML. Checks live in {@link #validate()}, which reports every problem at once with
 * its key, instead of throwing from the constructor.
 */
public record TcpLinesConfig(
        @ConfigDoc(value = "Address to listen on, host:port (0.0.0.0 for every interface; port 0 picks a free port).",
                defaultValue = "127.0.0.1:5170")
        String listen,
        @ConfigDoc(value = "Longest line kept, in bytes (e.g. 64KiB); the rest of a longer line is dropped and the"
                + " event gets attribute truncated=true.", defaultValue = "64KiB")
        DataSize maxLineLength,
        @ConfigDoc(value = "Most clients connected at once; further connections are closed with a log line.",
                defaultValue = "16")
        Integer maxConnections) {

    public static final DataSize MAX_LINE_LENGTH_LIMIT = DataSize.ofMiB(16);

    public TcpLinesConfig {
        listen = listen == null ? "127.0.0.1:5170" : listen;
        maxLineLength = maxLineLength == null ? DataSize.ofKiB(64) : maxLineLength;
        maxConnections = maxConnections == null ? 16 : maxConnections;
    }

    /** Every default. */
    public static TcpLinesConfig defaults() {
        return new TcpLinesConfig(null, null, null);
    }

    /** A copy listening elsewhere. */
    public TcpLinesConfig withListen(String address) {
        return new TcpLinesConfig(address, maxLineLength, maxConnections);
    }

    /** Every problem, each naming its key. */
    public List<ConfigError> validate() {
        List<ConfigError> errors = new ArrayList<>();
        try {
            address();
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError("listen", e.getMessage()));
        }
        if (maxLineLength.bytes() < 1 || maxLineLength.bytes() > MAX_LINE_LENGTH_LIMIT.bytes()) {
            errors.add(new ConfigError("max-line-length", "must be 1 byte to " + MAX_LINE_LENGTH_LIMIT
                    + ", got " + maxLineLength));
        }
        if (maxConnections < 1) {
            errors.add(new ConfigError("max-connections", "must be >= 1, got " + maxConnections));
        }
        return errors;
    }

    /** {@link #listen} as a socket address (not resolved: start() resolves it). */
    InetSocketAddress address() {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            throw new IllegalArgumentException("must be host:port, e.g. 127.0.0.1:5170, got '" + listen + "'");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number 0-65535, got '" + listen + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
