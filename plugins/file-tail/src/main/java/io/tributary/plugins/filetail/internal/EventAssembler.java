package io.tributary.plugins.filetail.internal;

/**
 * Turns lines into events. Not thread-safe: one per file.
 */
interface EventAssembler extends LineSink {
    /** Emits a held (multiline) event whose last line is older than the timeout. */
    void flushIfIdle(long nowNanos) throws InterruptedException;

    /** Emits a held event now (the file is being closed). */
    void flush() throws InterruptedException;

    /** Drops a held event without emitting it (the file is re-read from an earlier offset). */
    void discard();

    /** Whether an event is held; while one is, {@link #heldStartOffset()} is where it begins. */
    boolean holding();

    long heldStartOffset();

    /** One event per line. */
    static EventAssembler singleLine(EventSink sink) {
        return new SingleLineAssembler(sink);
    }

    /** The assembler for {@link LineSplitter} output. */
    final class SingleLineAssembler implements EventAssembler {
        private final EventSink sink;

        SingleLineAssembler(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void line(byte[] buf, int off, int len, long startOffset, long endOffset, boolean truncated)
                throws InterruptedException {
            sink.bytes(buf, off, len, startOffset, endOffset, truncated);
        }

        @Override
        public void flushIfIdle(long nowNanos) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void discard() {
        }

        @Override
        public boolean holding() {
            return false;
        }

        @Override
        public long heldStartOffset() {
            return -1;
        }
    }
}
