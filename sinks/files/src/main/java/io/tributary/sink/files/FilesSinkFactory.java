package io.tributary.sink.files;

import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkFactory;
import io.tributary.sink.files.internal.FilesSink;

import java.nio.file.Path;

/** {@code type: files}: time-partitioned JSON Lines (gzip) or Parquet files published by atomic rename. See README.md. */
public final class FilesSinkFactory implements SinkFactory<FilesSinkConfig> {
    @Override
    public String type() {
        return "files";
    }

    @Override
    public Class<FilesSinkConfig> configType() {
        return FilesSinkConfig.class;
    }

    @Override
    public String defaultName(FilesSinkConfig config) {
        Path name = config.path().toAbsolutePath().normalize().getFileName();
        return "files-" + (name == null ? "root" : name.toString());
    }

    @Override
    public Sink create(FilesSinkConfig config) {
        return new FilesSink(config);
    }
}
