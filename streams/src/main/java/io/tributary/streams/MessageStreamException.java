package io.tributary.streams;

/** The stream set failed (e.g. the consumer hit a fatal error); thrown by the iterators and by {@code commit()}. */
public class MessageStreamException extends RuntimeException {
    public MessageStreamException(String message, Throwable cause) {
        super(message, cause);
    }

    public MessageStreamException(String message) {
        super(message);
    }
}
