package io.tributary.sink.files.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/** {@code format: jsonl-gzip}: one compact JSON object per line, the whole file one gzip stream. */
final class JsonLinesFormat implements FileFormat<byte[]> {
    static final JsonLinesFormat INSTANCE = new JsonLinesFormat();
    static final String SUFFIX = ".jsonl.gz";

    private JsonLinesFormat() {
    }

    @Override
    public String suffix() {
        return SUFFIX;
    }

    @Override
    public Body<byte[]> create(Path temp) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        GZIPOutputStream out = new GZIPOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), 1 << 16);
        return new Body<>() {
            @Override
            public void append(byte[] line) throws IOException {
                out.write(line);
                out.write('\n');
            }

            @Override
            public void finish() throws IOException {
                out.finish();
                out.flush();
                channel.force(true);
                out.close();
            }

            @Override
            public void abandon() {
                try {
                    out.close();
                } catch (IOException e) {
                    // the file is deleted anyway
                }
            }
        };
    }
}
