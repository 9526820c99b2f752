package io.tributary.plugins.hostmetrics;

/** Which OSHI implementation reads the host's figures. */
public enum OshiProvider {
    /** {@link #NATIVE_FREE} on Linux, {@link #JNA} elsewhere. */
    AUTO,
    /** OSHI's procfs/sysfs reader (Linux only): no native library, cheapest per sample. */
    NATIVE_FREE,
    /** OSHI's JNA-based implementation (every OS OSHI supports). */
    JNA
}
