package io.tributary.cli;

/**
 * A command failed for a reason the user can act on. The launcher prints the message as one line
 * on stderr (no stack trace) and exits with {@link #exitCode()}: 1 failed, 2 bad usage.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, 1);
    }

    public CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(message, 2);
    }

    public int exitCode() {
        return exitCode;
    }
}
