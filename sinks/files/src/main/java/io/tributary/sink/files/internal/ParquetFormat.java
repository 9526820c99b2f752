package io.tributary.sink.files.internal;

import io.tributary.sink.mapping.Mapping;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code format: parquet}: one Parquet file per run, typed columns from the sink's mapping
 * ({@link ParquetSchemas}), GZIP-compressed pages, dictionary encoding. Written with
 * parquet-java's Hadoop-free API ({@link LocalOutputFile}, {@link PlainParquetConfiguration},
 * {@link JdkGzipCodecs}): no Hadoop class is loaded. A file is readable only once finished
 * (the footer comes last), which is why it is written aside and published whole.
 */
final class ParquetFormat implements FileFormat<Object[]> {
    static final String SUFFIX = ".parquet";

    private final Mapping mapping;
    private final MessageType schema;

    ParquetFormat(Mapping mapping) {
        this.mapping = mapping;
        this.schema = ParquetSchemas.of(mapping);
    }

    MessageType schema() {
        return schema;
    }

    @Override
    public String suffix() {
        return SUFFIX;
    }

    @Override
    public Body<Object[]> create(Path temp) throws IOException {
        ParquetWriter<Object[]> writer = new Builder(new LocalOutputFile(temp), new RowWriteSupport(mapping, schema))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(JdkGzipCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.GZIP)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build();
        return new Body<>() {
            @Override
            public void append(Object[] row) throws IOException {
                writer.write(row);
            }

            @Override
            public void finish() throws IOException {
                writer.close();
                // ParquetWriter closes its stream without fsync; fsync covers the file whichever descriptor asks.
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }

            @Override
            public void abandon() {
                try {
                    writer.close(); // there is no abort: let it write its footer into the file that is deleted next
                } catch (IOException e) {
                    // the file is deleted anyway
                }
            }
        };
    }

    /** parquet-hadoop's builder, given our write support; its Hadoop entry point is never used. */
    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriteSupport writeSupport;

        Builder(OutputFile file, RowWriteSupport writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            throw new UnsupportedOperationException("the files sink writes Parquet without Hadoop");
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return writeSupport;
        }
    }
}
