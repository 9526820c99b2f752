package io.tributary.sink.files.internal;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet page compression with the JDK's gzip. parquet-hadoop's own codec factory is built on
 * Hadoop's codec classes; this one needs neither Hadoop nor native libraries. GZIP is read by
 * every Parquet reader (DuckDB, Spark, Trino, pyarrow). Write-only: the sink never reads Parquet.
 * Thread-safe (stateless).
 */
final class JdkGzipCodecs implements CompressionCodecFactory {
    static final JdkGzipCodecs INSTANCE = new JdkGzipCodecs();

    private static final BytesInputCompressor GZIP = new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, bytes.size() / 2 + 64));
            try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
                bytes.writeAllTo(gzip);
            }
            return BytesInput.from(out.toByteArray());
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.GZIP;
        }

        @Override
        public void release() {
            // stateless
        }
    };

    private JdkGzipCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.GZIP) {
            throw new IllegalArgumentException("only GZIP is available without Hadoop, not " + codec);
        }
        return GZIP;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
                throw new UnsupportedOperationException("the files sink only writes Parquet");
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                throw new UnsupportedOperationException("the files sink only writes Parquet");
            }

            @Override
            public void release() {
                // nothing held
            }
        };
    }

    @Override
    public void release() {
        // stateless
    }
}
