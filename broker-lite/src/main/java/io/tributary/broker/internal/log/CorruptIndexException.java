package io.tributary.broker.internal.log;

/**
 * An index file failed validation while being loaded. Not an API error: the owner of the index discards the
 * file and rebuilds it from the segment's log file.
 */
final class CorruptIndexException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CorruptIndexException(String message) {
        super(message, null, false, false);
    }
}
