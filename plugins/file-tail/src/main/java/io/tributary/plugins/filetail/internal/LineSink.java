package io.tributary.plugins.filetail.internal;

/** Receives the lines a {@link LineSplitter} cuts; the bytes are only valid during the call. */
interface LineSink {
    /**
     * One line without its {@code \n}.
     *
     * @param buf         holds the line's bytes (as read, not decoded)
     * @param off         first byte in {@code buf}
     * @param len         number of bytes kept (at most the maximum event size)
     * @param startOffset file offset of the line's first byte
     * @param endOffset   file offset just after the line's {@code \n} (or after the last byte read,
     *                    for a final line without one)
     * @param truncated   whether bytes of the line beyond the maximum were dropped
     */
    void line(byte[] buf, int off, int len, long startOffset, long endOffset, boolean truncated)
            throws InterruptedException;
}
