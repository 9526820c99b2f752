package io.tributary.cli;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Kafka client failures as one line a user can act on. A timeout is the usual sign of an
 * unreachable broker, but the client cannot tell "nobody listens" from "the broker is slow", so
 * on a timeout we try a plain TCP connect to the bootstrap addresses to say which it was.
 */
public final class ClientErrors {
    private ClientErrors() {
    }

    /** Waits for an Admin result, turning its failure into a {@link CliException}. */
    public static <T> T await(KafkaFuture<T> future, ClientOptions options, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw failure(e.getCause(), options, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(what + ": interrupted");
        }
    }

    /**
     * Like {@link #await(KafkaFuture, ClientOptions, String)}, but a failure of type {@code expected}
     * (e.g. UnknownTopicOrPartitionException) becomes the caller's own clearer message.
     */
    public static <T> T await(KafkaFuture<T> future, ClientOptions options, String what,
                              Class<? extends Throwable> expected, String expectedMessage) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (expected.isInstance(e.getCause())) {
                throw new CliException(expectedMessage);
            }
            throw failure(e.getCause(), options, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(what + ": interrupted");
        }
    }

    /** The failure of {@code what} (e.g. "listing topics") as a one-line CliException. */
    public static CliException failure(Throwable error, ClientOptions options, String what) {
        Throwable cause = unwrap(error);
        if (isTimeout(cause)) {
            String unreachable = unreachable(options.bootstrapServers(), options.timeout());
            if (unreachable != null) {
                return new CliException(unreachable);
            }
            return new CliException(what + ": no answer from " + options.bootstrapServers() + " within "
                    + seconds(options.timeout()) + " (" + oneLine(cause) + ")");
        }
        return new CliException(what + ": " + oneLine(cause));
    }

    /** A message for a user: the innermost useful message, on one line. */
    public static String oneLine(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        // "Failed to create new KafkaAdminClient" and similar wrappers hide the real reason.
        while (cause.getCause() != null && cause instanceof KafkaException && cause.getCause().getMessage() != null) {
            cause = cause.getCause();
            message = cause.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = cause.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse("").strip();
    }

    /** Admin results sometimes wrap the client's TimeoutException in another KafkaException. */
    private static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Null when some bootstrap address accepts a TCP connection, else why none did. */
    static String unreachable(String bootstrapServers, Duration timeout) {
        List<String> failures = new ArrayList<>();
        for (String address : bootstrapServers.split(",")) {
            String hostPort = address.strip();
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                failures.add(hostPort + " (no port)");
                continue;
            }
            try (Socket socket = new Socket()) {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon), port),
                        (int) Math.min(timeout.toMillis(), 2000));
                return null;
            } catch (IOException | IllegalArgumentException e) {
                failures.add(hostPort + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        return "cannot reach a broker at " + String.join(", ", failures)
                + " within " + seconds(timeout) + "; is it running? (--bootstrap-server)";
    }

    static String seconds(Duration timeout) {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format("%.1f s", ms / 1000.0);
    }
}
