package io.tributary.streams;

import io.tributary.streams.internal.Envelope;
import io.tributary.streams.internal.PositionTracker;
import io.tributary.streams.internal.StreamQueue;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One of the streams of a {@link MessageStreams} set: an endless sequence of the messages of the
 * partitions this stream currently owns, in offset order per partition.
 *
 * <p>{@link #iterator()} always returns the same iterator. Its {@code hasNext()} blocks while there
 * is nothing new and returns {@code false} only once the stream set is closed; {@code next()} blocks
 * the same way and then throws {@link NoSuchElementException}. A call to {@code hasNext()} or
 * {@code next()} means the message returned before is processed (the iterator "moved past" it),
 * which is what {@link CommitMode#AUTO_AFTER_PROCESSING} commits.
 *
 * <p>Thread-safety: one thread at a time per stream (typically one thread per stream); different
 * streams may be read concurrently. If the stream set fails, the iterator throws
 * {@link MessageStreamException}.
 */
public final class MessageStream implements Iterable<Message> {
    private static final long WAIT_SLICE_MS = 100;

    private final int index;
    private final StreamQueue queue;
    private final PositionTracker positions;
    private final BooleanSupplier closed;
    private final Supplier<RuntimeException> failure;
    private final Iterator<Message> iterator = new StreamIterator();

    MessageStream(int index, StreamQueue queue, PositionTracker positions, BooleanSupplier closed,
                  Supplier<RuntimeException> failure) {
        this.index = index;
        this.queue = queue;
        this.positions = positions;
        this.closed = closed;
        this.failure = failure;
    }

    /** 0-based position of this stream in its set. */
    public int index() {
        return index;
    }

    /** Messages waiting in this stream's buffer (at most the configured queue capacity). */
    public int buffered() {
        return queue.size();
    }

    @Override
    public Iterator<Message> iterator() {
        return iterator;
    }

    private final class StreamIterator implements Iterator<Message> {
        private Envelope next;
        private Envelope lastReturned;

        @Override
        public boolean hasNext() {
            if (lastReturned != null) {
                positions.markProcessed(lastReturned);
                lastReturned = null;
            }
            while (next == null) {
                RuntimeException failed = failure.get();
                if (failed != null) {
                    throw new MessageStreamException("the message streams failed: " + failed.getMessage(), failed);
                }
                if (closed.getAsBoolean()) {
                    return false;
                }
                try {
                    next = queue.poll(WAIT_SLICE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MessageStreamException("interrupted while waiting for a message", e);
                }
            }
            return true;
        }

        @Override
        public Message next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the message streams are closed");
            }
            Envelope e = next;
            next = null;
            lastReturned = e;
            positions.markReturned(e);
            return e.message();
        }
    }
}
