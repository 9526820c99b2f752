package io.tributary.sink.api;

/** A transient error (connection lost, deadlock, serialization failure): the runner aborts, backs off and retries the batch. */
public class RetriableSinkException extends SinkException {
    public RetriableSinkException(String message) {
        super(message);
    }

    public RetriableSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
