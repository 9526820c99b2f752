package io.tributary.agent.internal.config;

import java.util.Locale;

/** Producer compression codecs ({@code output.compression}). */
public enum Compression {
    NONE, GZIP, SNAPPY, LZ4, ZSTD;

    /** The value of the producer's {@code compression.type}. */
    public String kafkaName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
