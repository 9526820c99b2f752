package io.tributary.sink.files.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * One file being written: consecutive records of one partition that fall into one folder,
 * gzip-compressed into a temp file until {@link #finish()}; then published under its
 * {@link FileName} in {@code folder}. Not thread-safe.
 */
final class RunFile {
    private final Path temp;
    private final Path folder;
    private final String topic;
    private final int partition;
    private final long first;
    private final FileChannel channel;
    private final GZIPOutputStream out;
    private long last;
    private boolean finished;

    RunFile(Path temp, Path folder, String topic, int partition, long first) throws IOException {
        this.temp = temp;
        this.folder = folder;
        this.topic = topic;
        this.partition = partition;
        this.first = first;
        this.last = first;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.out = new GZIPOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), 1 << 16);
    }

    Path folder() {
        return folder;
    }

    long last() {
        return last;
    }

    void append(long offset, byte[] line) throws IOException {
        out.write(line);
        out.write('\n');
        last = offset;
    }

    /** Completes the gzip stream and forces it to disk. */
    void finish() throws IOException {
        if (!finished) {
            out.finish();
            out.flush();
            channel.force(true);
            out.close();
            finished = true;
        }
    }

    FileName name() {
        return new FileName(topic, partition, first, last);
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
        try {
            if (!finished) {
                out.close();
            }
        } catch (IOException e) {
            // the file is deleted anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // left for the stale-temp cleanup at the next open
        }
    }
}
