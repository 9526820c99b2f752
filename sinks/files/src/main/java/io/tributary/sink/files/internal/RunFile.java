package io.tributary.sink.files.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file being written: consecutive records of one partition that fall into one folder,
 * encoded by its {@link FileFormat} into a temp file until {@link #finish()}; then published
 * under its {@link FileName} in {@code folder}. Not thread-safe.
 */
final class RunFile<T> {
    private final Path temp;
    private final Path folder;
    private final FileFormat<T> format;
    private final String topic;
    private final int partition;
    private final long first;
    private final FileFormat.Body<T> body;
    private long last;
    private boolean finished;

    RunFile(Path temp, Path folder, FileFormat<T> format, String topic, int partition, long first) throws IOException {
        this.temp = temp;
        this.folder = folder;
        this.format = format;
        this.topic = topic;
        this.partition = partition;
        this.first = first;
        this.last = first;
        this.body = format.create(temp);
    }

    Path folder() {
        return folder;
    }

    FileFormat<T> format() {
        return format;
    }

    void append(long offset, T value) throws IOException {
        body.append(value);
        last = offset;
    }

    /** Completes the file and forces it to disk. */
    void finish() throws IOException {
        if (!finished) {
            body.finish();
            finished = true;
        }
    }

    FileName name() {
        return new FileName(topic, partition, first, last, format.suffix());
    }

    /**
     * Publishes the finished file by hard link (fails rather than replaces if the name exists:
     * the same name means the same records, already published) and removes the temp file.
     */
    Path publish() throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(name().render());
        try {
            Files.createLink(target, temp);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // identical range published before a crash: keep that one
        }
        Files.delete(temp);
        return target;
    }

    void discard() {
        if (!finished) {
            body.abandon();
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // left for the stale-temp cleanup at the next open
        }
    }
}
