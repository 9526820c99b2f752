package io.tributary.sink.files.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How one published file is encoded: its name suffix and a writer for its content.
 *
 * @param <T> what one record becomes in the file (a JSON line, a typed row)
 */
interface FileFormat<T> {
    /** The name suffix, with the dot: {@code .jsonl.gz}, {@code .parquet}. */
    String suffix();

    /** Starts a new file at {@code temp} (which must not exist). */
    Body<T> create(Path temp) throws IOException;

    /** The content of one file being written. Not thread-safe. */
    interface Body<T> {
        void append(T value) throws IOException;

        /** Completes the file (trailer, footer) and forces it to disk. */
        void finish() throws IOException;

        /** Closes the file without completing it; the caller deletes it. */
        void abandon();
    }
}
