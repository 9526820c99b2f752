package io.tributary.sink.files;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/** Read side of GZIP (and uncompressed) Parquet pages with the JDK; hadoop-client-api alone has no working codec. */
final class GzipDecompression implements CompressionCodecFactory {
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("read side only");
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.GZIP && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("expected GZIP pages, found " + codec);
        }
        boolean gzip = codec == CompressionCodecName.GZIP;
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(inflate(bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(inflate(in, uncompressedSize));
            }

            private byte[] inflate(byte[] in, int size) throws IOException {
                if (!gzip) {
                    return in;
                }
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
                    byte[] out = gz.readNBytes(size);
                    if (out.length != size || gz.read() != -1) {
                        throw new IOException("page inflates to a size other than the " + size + " bytes its header says");
                    }
                    return out;
                }
            }

            @Override
            public void release() {
                // nothing held
            }
        };
    }

    @Override
    public void release() {
        // nothing held
    }
}
