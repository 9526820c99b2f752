package io.tributary.sink.api;

/** A fatal sink error: the runner stops the sink and reports the message. See {@link RetriableSinkException}. */
public class SinkException extends Exception {
    public SinkException(String message) {
        super(message);
    }

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
