package io.tributary.plugins.filetail.internal;

/** Receives the finished events of one file (a line, or several lines joined by multiline). */
interface EventSink {
    /**
     * @param body        the decoded text (invalid UTF-8 replaced by U+FFFD), lines joined by {@code \n}
     * @param startOffset file offset of the event's first byte
     * @param endOffset   file offset just after the event: where to resume once it is acknowledged
     * @param truncated   whether bytes beyond {@code max-event-bytes} were dropped
     */
    void event(String body, long startOffset, long endOffset, boolean truncated) throws InterruptedException;

    /**
     * One line's bytes as read (the read buffer: valid only during the call), for the single-line
     * case: the sink hands them to the event as UTF-8 bytes instead of decoding them first. The same
     * event as {@link #event} with the decoded line: a trailing {@code \r} is dropped unless truncated.
     */
    default void bytes(byte[] buf, int off, int len, long startOffset, long endOffset, boolean truncated)
            throws InterruptedException {
        event(Utf8.decodeLine(buf, off, len, !truncated), startOffset, endOffset, truncated);
    }
}
